package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.RecsysIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A training run that does not end well (killed, out of memory, stopped past its timeout) leaves
 * the model that serves, and says what became of it in {@code recsys.training.runs}.
 * (Closed after the class: its model would be another class's.)
 */
@RecsysIntegrationTest
// the automatic runs off (a jar set turns them on): every run here is the test's
@TestPropertySource(properties = {"recsys.model.training-jar=${training.jar:}", "recsys.model.train-interval=0",
        "recsys.model.training-heap=512m"})
@Tag("long") // in ./mvnw verify -Plong (CI runs it): Spark training runs killed, out of memory or timed out
@DirtiesContext
class TrainingFailuresIT {

    private static final int VIEWERS = 200;
    private static final long VIEWER_BITS = 0x7a11L;

    @Autowired
    TrainingRun training;

    @Autowired
    ModelSettings settings;

    @Autowired
    ModelLoader loader;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void theTrainingJobIsBuilt() {
        // recsys-training is built before this module in the reactor; alone (-pl recsys-service) it may be missing
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("training.jar", ""))), "the training job's jar is not built");
    }

    @BeforeEach
    void aModelServes() {
        if (loader.reload().blockOptional(Duration.ofSeconds(30)).isPresent()) {
            return;
        }
        likesOfTwoTastes();
        TrainingRun.Outcome outcome = training.start(List.of()).block(Duration.ofMinutes(5));
        assertThat(outcome).isNotNull();
        assertThat(outcome.result()).as(outcome.report()).isEqualTo("serving");
        assertThat(loader.reload().blockOptional(Duration.ofSeconds(30))).isPresent();
    }

    /** The other classes start with no model and none of these likes. */
    @AfterAll
    static void leaveNothing(@Autowired DatabaseClient db) {
        db.sql("TRUNCATE model CASCADE").then().block();
        db.sql("DELETE FROM user_film WHERE user_id = ANY(:viewers)")
                .bind("viewers", IntStream.range(0, VIEWERS).mapToObj(viewer -> new UUID(VIEWER_BITS, viewer)).toArray(UUID[]::new))
                .then().block();
    }

    @Test
    void aRunKilledMidWayLeavesTheServingModel() {
        long serving = servingVersion();
        double before = runs("killed");
        CompletableFuture<TrainingRun.Outcome> run = training.start(List.of()).toFuture();
        ProcessHandle child = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(TrainingFailuresIT::trainingChild, Optional::isPresent).orElseThrow();
        // well into the run: its JVM up and Spark starting, reading or training
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        child.destroyForcibly();

        TrainingRun.Outcome outcome = run.join();
        assertThat(outcome.result()).as("status %d", outcome.status()).isEqualTo("killed");
        assertThat(runs("killed")).isEqualTo(before + 1);
        assertThat(servingVersion()).isEqualTo(serving);
        assertThat(states()).contains("serving");
    }

    @Test
    void aRunOutOfMemoryEndsAtOnceAndLeavesTheServingModel() throws IOException {
        long serving = servingVersion();
        double before = runs("out-of-memory");

        TrainingRun.Outcome outcome = standIn("--run-out-of-memory", Duration.ofSeconds(30));

        assertThat(outcome.result()).as("status %d", outcome.status()).isEqualTo("out-of-memory");
        assertThat(outcome.trained()).isFalse();
        assertThat(runs("out-of-memory")).isEqualTo(before + 1);
        assertThat(servingVersion()).isEqualTo(serving);
    }

    @Test
    void aRunPastItsTimeoutIsStoppedAndLeavesTheServingModel() throws IOException {
        long serving = servingVersion();
        double before = runs("timed-out");

        TrainingRun.Outcome outcome = standIn("--hang", Duration.ofSeconds(3));

        assertThat(outcome.result()).isEqualTo("timed-out");
        assertThat(runs("timed-out")).isEqualTo(before + 1);
        assertThat(trainingChild()).as("no child left running").isEmpty();
        assertThat(servingVersion()).isEqualTo(serving);
    }

    private long servingVersion() {
        return loader.reload().blockOptional(Duration.ofSeconds(30)).orElseThrow().version();
    }

    private double runs(String outcome) {
        Counter counter = meters.find("recsys.training.runs").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> states() {
        return db.sql("SELECT state FROM model ORDER BY version").map(row -> row.get("state", String.class)).all().collectList().block();
    }

    /** This JVM's child running a training jar, the real one or the stand-in. */
    private static Optional<ProcessHandle> trainingChild() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").matches(".*-jar \\S*(recsys-training|stand-in-job)\\.jar.*"))
                .findFirst();
    }

    /** One run of {@link StandInJob} told {@code behaviour}, with a 64 MB heap, stopped after {@code timeout} (under a minute). */
    private TrainingRun.Outcome standIn(String behaviour, Duration timeout) throws IOException {
        ModelSettings standIn = new ModelSettings(settings.reload(), settings.maxAge(), settings.trainInterval(), settings.trainAfter(),
                standInJar().toString(), settings.sparkMaster(), "64m", timeout, settings.trainingDatabase(), settings.trainingLogin());
        TrainingRun.Outcome outcome = new TrainingRun(standIn, meters).start(List.of(behaviour)).block(Duration.ofMinutes(1));
        assertThat(outcome).as("an outcome").isNotNull();
        return outcome;
    }

    /** A jar of {@link StandInJob}, from this module's test classes. */
    private static Path standInJar() throws IOException {
        Path jar = Path.of("target", "stand-in-job.jar").toAbsolutePath();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInJob.class.getName());
        String entry = StandInJob.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = StandInJob.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** 200 viewers of two tastes, each liking a dozen of their side's 30 films: enough for the job to train on. */
    private void likesOfTwoTastes() {
        Random random = new Random(19);
        StringBuilder values = new StringBuilder();
        for (int viewer = 0; viewer < VIEWERS; viewer++) {
            UUID viewerId = new UUID(VIEWER_BITS, viewer);
            int side = viewer % 2;
            for (int n = 0; n < 12; n++) {
                UUID film = new UUID(0xf11L, side * 30 + random.nextInt(30));
                values.append(values.isEmpty() ? "" : ", ").append("('%s', '%s', 1, false, now() - interval '%d minutes')"
                        .formatted(viewerId, film, 1_000 - n));
            }
        }
        db.sql("INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at) VALUES " + values + " ON CONFLICT DO NOTHING")
                .then().block();
    }
}
