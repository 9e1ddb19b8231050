package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** redis-server 6.2 from the embedded-redis jar; a cache only, so it keeps nothing on disk. */
public final class RedisServer extends EmbeddedServer {

    private redis.embedded.RedisServer server;

    RedisServer(int port, Path workDir) {
        super(port, workDir);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            server = redis.embedded.RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .setting("dir " + workDir.toAbsolutePath())
                    .build();
            server.start();
        } catch (IOException e) {
            server = null;
            throw new UncheckedIOException("redis-server did not start", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not stop", e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public Map<String, String> connectionSettings() {
        return Map.of("REDIS_URL", "redis://127.0.0.1:" + port);
    }
}
