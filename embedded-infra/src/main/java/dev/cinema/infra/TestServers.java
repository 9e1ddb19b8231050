package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The servers of one test JVM: each starts on free ports the first time it is asked for and
 * stops when the JVM exits. Asking again for a server that a test stopped starts it again, on the
 * same port and data, so a test that forgets to restart one does not break the next class.
 *
 * <p>Files go under {@code target/embedded-servers/} of the module under test, so the servers'
 * logs are there to read when a build fails. The Mongo server keeps its data in memory unless
 * {@code -Dembedded.mongo.storage=file}.
 */
public final class TestServers {

    private static final Map<ServerKind, EmbeddedServer> SERVERS = new EnumMap<>(ServerKind.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "embedded-servers-stop"));
    }

    private TestServers() {
    }

    /** The running server of this kind, started (or started again) when needed. */
    public static synchronized EmbeddedServer get(ServerKind kind) {
        EmbeddedServer server = SERVERS.computeIfAbsent(kind, TestServers::create);
        if (!server.isRunning()) {
            server.start();
            server.connectionSettings().forEach(System::setProperty);
        }
        return server;
    }

    private static EmbeddedServer create(ServerKind kind) {
        Path dir = Path.of("target", "embedded-servers", kind.cliName() + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = ServerKind.freePort();
        if (kind == ServerKind.MONGO && !"file".equals(System.getProperty("embedded.mongo.storage"))) {
            return new MongoServer(port, dir, MongoServer.Storage.MEMORY);
        }
        return kind.create(port, dir);
    }

    private static synchronized void stopAll() {
        SERVERS.values().forEach(server -> {
            try {
                server.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop " + server.name() + ": " + e.getMessage());
            }
        });
    }
}
