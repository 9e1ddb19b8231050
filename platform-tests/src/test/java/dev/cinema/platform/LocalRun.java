package dev.cinema.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./local_run.sh} run by the tests: the whole platform, or one of its parts (a server, a
 * service, nginx) stopped, started with settings of its own, or killed, the way an operator would.
 */
public final class LocalRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private LocalRun() {
    }

    public static void stop(String part) {
        run(Map.of(), "stop", part);
    }

    public static void start(String part) {
        run(Map.of(), "start", part);
    }

    /** Starts a part with these variables set (a service reads its settings from them). */
    public static void start(String part, Map<String, String> environment) {
        run(environment, "start", part);
    }

    /** Stops a service and starts it again with these variables set. */
    static void restart(String service, Map<String, String> environment) {
        stop(service);
        start(service, environment);
    }

    /**
     * A second ugc-service instance behind nginx ({@code UGC_INSTANCES=2}): started, nginx reloaded
     * with both in its upstream, async-api restarted to ask both for the viewers' hidden films.
     */
    public static void startSecondUgcInstance() {
        Map<String, String> twoInstances = Map.of("UGC_INSTANCES", "2");
        start("ugc-service-2", twoInstances);
        start("nginx", twoInstances);
        // async-api asks the instances it was started with for the viewers' hidden films
        restart("async-api", twoInstances);
    }

    /** Back to the one ugc-service instance the platform starts with: the second stopped, nginx and async-api without it. */
    public static void stopSecondUgcInstance() {
        stop("ugc-service-2");
        start("nginx");
        restart("async-api", Map.of());
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hook, nothing given back. */
    public static void kill(String part) {
        ProcessHandle process = ProcessHandle.of(pid(part)).orElseThrow(() -> new IllegalStateException(part + " is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The process id of a running part: the first field of its PID file under the platform's run folder (.local/run). */
    public static long pid(String part) {
        try {
            return Long.parseLong(Files.readString(Platform.LOCAL.resolve("run/" + part + ".pid")).trim().split("\\s+")[0]);
        } catch (IOException notRunning) {
            throw new IllegalStateException(part + " has no PID file: is the platform running?", notRunning);
        }
    }

    static void run(Map<String, String> environment, String... arguments) {
        runIn(Platform.ROOT, environment, arguments);
    }

    /** {@code local_run.sh} of the clone at {@code root}; returns what it printed. */
    static String runIn(Path root, Map<String, String> environment, String... arguments) {
        Path log = Path.of("target", "local_run-" + String.join("-", arguments) + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(root.resolve("local_run.sh").toString());
            builder.command().addAll(List.of(arguments));
            // The test JVM's own settings for a platform (a folder, a server's address) are not the clone's.
            builder.environment().keySet().removeAll(List.of("CINEMA_UNPRIVILEGED_DIR", "POSTGRES_URL", "KAFKA_BOOTSTRAP_SERVERS",
                    "ELASTICSEARCH_URL", "MONGODB_URI", "REDIS_URL"));
            // recsys-service's automatic training is off unless a test asks for it: a Spark run
            // starting at its own moment would load the machine under the test's timings
            builder.environment().put("RECSYS_TRAIN_INTERVAL", "0s");
            builder.environment().putAll(environment);
            Process process = builder.directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./local_run.sh " + String.join(" ", arguments) + " took over " + TIMEOUT + "; see " + log);
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./local_run.sh " + String.join(" ", arguments) + " failed:\n" + output);
            }
            return output;
        } catch (IOException failed) {
            throw new IllegalStateException("could not run ./local_run.sh " + String.join(" ", arguments), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
