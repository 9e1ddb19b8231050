package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A single-node Elasticsearch 9 from the integ-test zip, security off, on loopback. The zip has
 * no {@code analysis-common}, no painless and no {@code GET /} handler: use the standard analyzer,
 * no scripts, and {@code _cluster/health} to check it.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM is root the node runs as uid 65534
 * ({@code nobody}), owning its config, data, logs and tmp directories; what that uid cannot reach
 * where it is (a clone in a mode-700 folder) is taken from the {@link UnprivilegedFolder}.
 */
public final class ElasticsearchServer extends EmbeddedServer {

    private static final int NOBODY = 65534;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path home;
    private final Path jdk;
    private final UnprivilegedFolder folder;
    private ChildProcess node;

    ElasticsearchServer(int port, Path workDir) {
        this(port, workDir, Dist.elasticsearchHome(), Jdk.home(), null);
    }

    /**
     * A node running {@code home}'s Elasticsearch on {@code jdk}. {@code folder} takes what uid
     * 65534 cannot reach (root only); null for this clone's {@link UnprivilegedFolder}.
     */
    ElasticsearchServer(int port, Path workDir, Path home, Path jdk, UnprivilegedFolder folder) {
        super(port, workDir);
        this.transportPort = port == ServerKind.ELASTICSEARCH.localPort() ? port + 100 : ServerKind.freePort();
        this.home = home.toAbsolutePath();
        this.jdk = jdk.toAbsolutePath();
        this.folder = folder;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            boolean root = isRoot();
            UnprivilegedFolder others = root ? (folder != null ? folder : UnprivilegedFolder.ofThisClone()) : null;
            Path runnableHome = root ? others.program(home, home.getFileName().toString()) : home;
            Path runnableJdk = root ? others.program(jdk, "jdk-" + Runtime.version().feature() + "-" + jdk.getFileName()) : jdk;
            Path instance = instanceDir(others);
            Path config = instance.resolve("config");
            copyConfig(runnableHome.resolve("config"), config);
            Files.writeString(config.resolve("elasticsearch.yml"), settings(instance));
            Files.writeString(config.resolve("jvm.options.d/heap.options"), "-Xms512m\n-Xmx512m\n");
            Files.createDirectories(instance.resolve("data"));
            Files.createDirectories(instance.resolve("logs"));
            Files.createDirectories(instance.resolve("tmp"));

            Integer uid = null;
            if (root) {
                chownToNobody(instance);
                uid = NOBODY;
            }
            List<String> command = List.of(runnableHome.resolve("bin/elasticsearch").toString(), "-p", instance.resolve("tmp/es.pid").toString());
            node = ChildProcess.start(command, Map.of(
                            "ES_JAVA_HOME", runnableJdk.toString(),
                            "ES_PATH_CONF", config.toString(),
                            "ES_TMPDIR", instance.resolve("tmp").toString(),
                            "ES_JAVA_OPTS", ""),
                    instance, logFile(), line -> false, uid);
            awaitGreenOrYellow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * The node's files: under {@link #workDir}, unless uid 65534 (root only) cannot reach it; then
     * in the unprivileged folder, whose place {@code node-location.txt} in {@link #workDir} names.
     */
    private Path instanceDir(UnprivilegedFolder others) throws IOException {
        Path preferred = workDir.toAbsolutePath().resolve("node");
        Files.createDirectories(workDir);
        if (others == null) {
            return preferred;
        }
        Path instance = others.serverFiles(preferred);
        if (!instance.startsWith(workDir.toRealPath())) {
            Files.writeString(workDir.resolve("node-location.txt"), instance + "\n");
        }
        return instance;
    }

    private String settings(Path instance) {
        return """
                cluster.name: cinema-embedded
                node.name: embedded-node
                discovery.type: single-node
                xpack.security.enabled: false
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                cluster.routing.allocation.disk.threshold_enabled: false
                action.destructive_requires_name: false
                """.formatted(port, transportPort, instance.resolve("data"), instance.resolve("logs"));
    }

    private static void copyConfig(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(to.resolve("jvm.options.d"));
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void chownToNobody(Path dir) {
        ChildProcess.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()), Map.of(),
                dir.getParent(), Duration.ofSeconds(60));
    }

    private void awaitGreenOrYellow() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!node.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited during start-up; the end of " + logFile() + ":\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
            sleepQuietly(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Elasticsearch was not healthy within " + STARTUP_TIMEOUT + "; see " + logFile());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            node.stop(Duration.ofSeconds(30));
            node = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return node != null && node.isAlive();
    }

    @Override
    public Map<String, String> connectionSettings() {
        return Map.of("ELASTICSEARCH_URL", url());
    }
}
