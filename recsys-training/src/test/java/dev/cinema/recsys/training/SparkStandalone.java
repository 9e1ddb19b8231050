package dev.cinema.recsys.training;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster, a master and one worker, each its own JVM started from the
 * Spark jars the job ships with (as embedded-infra starts the other servers). The worker starts
 * executors from {@code SPARK_HOME/jars}, which holds Spark's jars only: whatever else the job
 * needs it must ship itself, as on a real cluster.
 */
final class SparkStandalone implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final Path home;
    private final Process master;
    private final Process worker;
    private final int port;

    private SparkStandalone(Path home, Process master, Process worker, int port) {
        this.home = home;
        this.master = master;
        this.worker = worker;
        this.port = port;
    }

    /**
     * @param jars        the job's runtime jars (its {@code lib/} folder)
     * @param sparkOnly   which of them a Spark installation holds
     * @param javaOptions what Spark's JVMs need on JDK 21+ (the opened packages)
     */
    static SparkStandalone start(Path jars, Predicate<Path> sparkOnly, List<String> javaOptions, Path home)
            throws IOException, InterruptedException {
        Path installed = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> all = Files.list(jars)) {
            for (Path jar : all.filter(sparkOnly).toList()) {
                Files.createSymbolicLink(installed.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark's jars, as the training job depends on them\n");
        int port = freePort();
        String classpath = installed + "/*";
        Process master = launch(home, "master", classpath, javaOptions, List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        SparkStandalone cluster = null;
        try {
            awaitLine(master, home.resolve("master.log"), "Starting Spark master at");
            Process worker = launch(home, "worker", classpath, javaOptions, List.of("org.apache.spark.deploy.worker.Worker",
                    "spark://127.0.0.1:" + port, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
                    "--webui-port", String.valueOf(freePort()), "--work-dir", Files.createDirectories(home.resolve("work")).toString()));
            cluster = new SparkStandalone(home, master, worker, port);
            awaitLine(worker, home.resolve("worker.log"), "Successfully registered with master");
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException failure) {
            if (cluster != null) {
                cluster.close();
            } else {
                master.destroyForcibly();
            }
            throw failure;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** What the executors printed: one {@code stderr} per executor the worker ran. */
    List<String> executorLogs() throws IOException {
        List<String> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("stderr")).toList()) {
                logs.add(Files.readString(file));
            }
        }
        return logs;
    }

    @Override
    public void close() {
        for (Process process : List.of(worker, master)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Process launch(Path home, String name, String classpath, List<String> javaOptions, List<String> mainAndArguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx512m");
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", home.toString());
        // Spark's launcher reads the Scala version from a build folder unless told; a distribution has none
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_LOG_DIR", home.toString());
        return builder.start();
    }

    private static void awaitLine(Process process, Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": exited " + process.exitValue() + "\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(log.getFileName() + ": no '" + line + "' within " + START + "\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
