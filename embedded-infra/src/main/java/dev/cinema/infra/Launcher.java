package dev.cinema.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one server in the foreground for {@code local_run.sh}: fixed loopback port, data under
 * {@code .local/data/NAME}. It writes {@code --ready-file} once the server answers, and stops the
 * server on SIGTERM. Its child processes die with it even on SIGKILL (see {@link ChildProcess}).
 *
 * {@code --storage memory} keeps Mongo's data in memory only (benchmarks); the default is its file.
 *
 * <pre>java -cp ... dev.cinema.infra.Launcher NAME [--port N] [--dir PATH] [--ready-file PATH] [--storage file|memory]</pre>
 */
public final class Launcher {

    private static final Duration MONGO_COMPACTION_INTERVAL = Duration.ofMinutes(10);

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: Launcher postgres|kafka|elasticsearch|mongo|redis [--port N] [--dir PATH] [--ready-file PATH] [--storage file|memory]");
            System.exit(2);
        }
        ServerKind kind = ServerKind.fromCliName(args[0]);
        int port = kind.localPort();
        Path dir = Path.of(".local", "data", kind.cliName());
        Path readyFile = null;
        MongoServer.Storage storage = MongoServer.Storage.FILE;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--ready-file" -> readyFile = Path.of(args[i + 1]);
                case "--storage" -> storage = MongoServer.Storage.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        EmbeddedServer server = kind == ServerKind.MONGO
                ? new MongoServer(port, dir.toAbsolutePath(), storage)
                : kind.create(port, dir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Path ready = readyFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(ready);
            server.stop();
            System.out.println(kind.cliName() + " stopped");
            stopped.countDown();
        }, "launcher-stop"));

        long started = System.nanoTime();
        server.start();
        System.out.printf("%s ready in %d ms: %s (log: %s)%n", kind.cliName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), server.connectionSettings(), server.logFile());
        if (server instanceof MongoServer mongo) {
            scheduleCompaction(mongo);
        }
        if (ready != null) {
            Files.writeString(ready, ProcessHandle.current().pid() + "\n");
        }
        stopped.await();
    }

    /** The H2 file grows with every upsert until its dead pages are compacted away. */
    private static void scheduleCompaction(MongoServer mongo) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mongo-compaction");
            thread.setDaemon(true);
            return thread;
        });
        long minutes = MONGO_COMPACTION_INTERVAL.toMinutes();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long bytes = mongo.compact();
                System.out.printf("mongo data file compacted to %,d bytes%n", bytes);
            } catch (RuntimeException e) {
                System.err.println("mongo compaction failed: " + e.getMessage());
            }
        }, minutes, minutes, TimeUnit.MINUTES);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The stop must go on; local_run.sh also checks the PID.
        }
    }
}
