package dev.cinema.recsys.collaborative;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts one run of recsys-training's jar as a child process and waits for it: Spark never shares
 * this service's classpath or heap, and the child runs at the lowest CPU priority ({@code nice})
 * so that requests keep theirs. Its output goes to this service's log, line by line; its last line
 * is the run's outcome as JSON. {@code recsys.training.runs} counts the runs by {@link Outcome#result}.
 */
@Component
public class TrainingRun implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    /**
     * @param status   the job's exit status: 0 trained, 10 another run holds the lock, 11 too few
     *                 likes, 3 out of memory (the JVM's own, {@code -XX:+ExitOnOutOfMemoryError}),
     *                 128 + n killed by signal n, anything else failed
     * @param report   its last line, JSON; empty when it died before printing one
     * @param timedOut stopped by this service after {@code RECSYS_TRAINING_TIMEOUT}
     */
    public record Outcome(int status, String report, boolean timedOut) {

        public boolean trained() {
            return status == 0;
        }

        /** What became of the run, as {@code recsys.training.runs} counts it and the log says. */
        public String result() {
            if (timedOut) {
                return "timed-out";
            }
            return switch (status) {
                case 0 -> report.contains("\"rejected\"") ? "rejected" : "serving";
                case 10 -> "busy";
                case 11 -> "too-few-likes";
                case 3 -> "out-of-memory";
                default -> status > 128 ? "killed" : "failed";
            };
        }
    }

    private final ModelSettings settings;
    private final MeterRegistry meters;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    TrainingRun(ModelSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    public boolean available() {
        return settings.trainingJar() != null && !settings.trainingJar().isBlank() && Files.isRegularFile(Path.of(settings.trainingJar()));
    }

    /** One run with these extra arguments ({@code --rank=32,64} and so on); completes when the child exits. */
    public Mono<Outcome> start(List<String> arguments) {
        return Mono.fromCallable(() -> run(arguments))
                .doOnNext(outcome -> meters.counter("recsys.training.runs", "outcome", outcome.result()).increment())
                .doOnError(failure -> meters.counter("recsys.training.runs", "outcome", "failed").increment())
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Outcome run(List<String> arguments) throws IOException, InterruptedException {
        if (!available()) {
            throw new IllegalStateException("no training jar at RECSYS_TRAINING_JAR (" + settings.trainingJar() + ")");
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // out of memory, the job ends at once (status 3) instead of limping on with a broken Spark context
        command.addAll(List.of("-Xmx" + settings.trainingHeap(), "-XX:+ExitOnOutOfMemoryError", "-jar", settings.trainingJar(), "--jdbc-url=" + settings.trainingDatabase(),
                "--master=" + settings.sparkMaster()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the credentials go by the environment, never on a command line others can read; the job's
        // role is its own, not this service's: it reads the likes and writes the model, nothing else,
        // and it is given no other role's login (this service's own among them)
        builder.environment().keySet().removeIf(TrainingRun::isPostgresLogin);
        builder.environment().put("POSTGRES_USER", settings.trainingLogin().user());
        builder.environment().put("POSTGRES_PASSWORD", settings.trainingLogin().password());
        log.info("training: starting {}", String.join(" ", command));
        Process process = builder.start();
        running.add(process);
        AtomicReference<String> last = new AtomicReference<>("");
        Thread output = Thread.ofVirtual().name("training-output").start(() -> pump(process, last));
        try {
            boolean timedOut = !process.waitFor(settings.trainingTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                log.warn("training: still running after {}: stopped", settings.trainingTimeout());
                process.destroyForcibly().waitFor();
            }
            output.join(Duration.ofSeconds(5));
            Outcome outcome = new Outcome(process.exitValue(), last.get(), timedOut);
            if (outcome.trained()) {
                log.info("training: ended with status 0: {}", outcome.report());
            } else {
                log.warn("training: {} (status {}), the serving model stays: {}", outcome.result(), outcome.status(),
                        outcome.report().isEmpty() ? "no outcome printed" : outcome.report());
            }
            return outcome;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            running.remove(process);
        }
    }

    /** POSTGRES_USER, POSTGRES_PASSWORD and the per-role ones: RECSYS_POSTGRES_PASSWORD, TRAINING_POSTGRES_USER, ... */
    static boolean isPostgresLogin(String variable) {
        return variable.matches("([A-Z0-9]+_)*POSTGRES_(USER|PASSWORD)");
    }

    /** The child's output into this service's log, line by line; its last JSON line kept as the outcome. */
    private static void pump(Process process, AtomicReference<String> last) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith("{")) {
                    last.set(line);
                } else if (!line.startsWith("WARNING:")) {
                    log.info("training: {}", line);
                }
            }
        } catch (IOException closed) {
            log.debug("training: output closed: {}", closed.toString());
        }
    }

    /** A run still going when the service stops is stopped with it: no Spark JVM is left behind holding the lock. */
    @Override
    public void destroy() {
        running.forEach(Process::destroyForcibly);
    }
}
