package dev.cinema.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A MongoDB wire-protocol server (mongo-java-server) inside this JVM. It lacks {@code $text},
 * transactions, change streams and the {@code hello} command: the services do not depend on them.
 * With the H2 file backend its data survives a restart; the memory backend is for fast tests.
 */
public final class MongoServer extends EmbeddedServer {

    public enum Storage { FILE, MEMORY }

    private final Storage storage;
    private de.bwaldvogel.mongo.MongoServer server;
    private MVStore store;

    MongoServer(int port, Path workDir) {
        this(port, workDir, Storage.FILE);
    }

    public MongoServer(int port, Path workDir, Storage storage) {
        super(port, workDir);
        this.storage = storage;
    }

    @Override
    public String name() {
        return "mongo";
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        MongoBackend backend;
        if (storage == Storage.FILE) {
            try {
                Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = new MVStore.Builder().fileName(dataFile().toString()).compress().open();
            backend = new H2Backend(store);
        } else {
            backend = new MemoryBackend();
        }
        server = new de.bwaldvogel.mongo.MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    Path dataFile() {
        return workDir.resolve("mongo.mv.db");
    }

    /**
     * Rewrites the H2 file without its dead pages; an upsert-heavy workload leaves many.
     * Returns the file size afterwards.
     */
    public synchronized long compact() {
        if (store != null) {
            store.compactFile(10_000);
        }
        try {
            return Files.exists(dataFile()) ? Files.size(dataFile()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        server = null;
        if (store != null) {
            if (!store.isClosed()) {
                store.close(10_000);
            }
            store = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public Map<String, String> connectionSettings() {
        return Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + port + "/ugc");
    }
}
