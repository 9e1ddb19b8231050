package dev.cinema.recsys.training;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged job, started as a user would ({@code java -jar recsys-training.jar
 * --master=spark://...}), trains on a real Spark standalone cluster: its tasks run in the worker's
 * executors, which hold Spark's jars only and get the job's own, the model's and the PostgreSQL
 * driver from the driver.
 */
@Tag("long")
class SparkClusterIT {

    private static final Duration RUN = Duration.ofMinutes(8);

    @Test
    void theJarTrainsOnAStandaloneClusterWhoseExecutorsHoldOnlySpark() throws Exception {
        // under target/, not a JUnit temporary folder: that one warns of every link to a jar it leaves
        Path home = emptied(Path.of("target", "spark-standalone").toAbsolutePath());
        Map<String, String> environment = TrainingDatabase.prepare();
        Synthetic data = Synthetic.insert(300, 150, 21);
        Path jar = Path.of(System.getProperty("training.jar"));
        List<String> javaOptions = Arrays.asList(System.getProperty("cluster.java.options").trim().split("\\s+"));

        try (SparkStandalone cluster = SparkStandalone.start(jar.resolveSibling("lib"), SparkClusterIT::isSparks, javaOptions, home)) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx1g", "-jar",
                    jar.toString(), "--master=" + cluster.masterUrl(), "--partitions=4", "--rank=16", "--iterations=10",
                    "--minimum-likes=50"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("driver.log").toFile());
            builder.environment().putAll(environment);
            // the executors reach the driver at this address
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process driver = builder.start();
            boolean ended = driver.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                driver.destroyForcibly();
            }
            String printed = Files.readString(home.resolve("driver.log"));

            assertThat(ended).as("the run ended within %s:\n%s", RUN, tail(printed)).isTrue();
            assertThat(driver.exitValue()).as("exit status:\n%s", tail(printed)).isZero();
            assertThat(printed.strip().lines().reduce((first, second) -> second).orElseThrow()).startsWith("{\"outcome\":\"serving\"");
            List<String> executors = cluster.executorLogs();
            assertThat(executors).as("executors the worker ran").isNotEmpty();
            assertThat(String.join("\n", executors)).as("tasks ran in the executors")
                    .contains("Running task").contains("Fetching spark://").contains("recsys-training.jar");
        }
        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("serving");
            assertThat(TrainingDatabase.count(db, "SELECT verdicts FROM model")).isEqualTo(data.verdicts());
            assertThat(TrainingDatabase.count(db, "SELECT count(*) FROM model_film_factor"))
                    .isEqualTo(TrainingDatabase.count(db, "SELECT films FROM model"));
        }
    }

    private static Path emptied(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> inside = Files.walk(folder)) {
                // deepest first; links are removed, never followed
                for (Path path : inside.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    /** The jars a Spark installation holds: all the job's but its own additions. */
    private static boolean isSparks(Path jar) {
        String name = jar.getFileName().toString();
        return !name.startsWith("recsys-model") && !name.startsWith("postgresql");
    }

    private static String tail(String text) {
        return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
    }
}
