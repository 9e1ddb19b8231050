package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

/** The servers the platform needs, with the fixed loopback ports used by {@code local_run.sh}. */
public enum ServerKind {

    POSTGRES(15432, PostgresServer.class, PostgresServer::new),
    KAFKA(19092, KafkaServer.class, KafkaServer::new),
    ELASTICSEARCH(19200, ElasticsearchServer.class, ElasticsearchServer::new),
    MONGO(27018, MongoServer.class, MongoServer::new),
    REDIS(16379, RedisServer.class, RedisServer::new);

    private final int localPort;
    private final Class<? extends EmbeddedServer> type;
    private final BiFunction<Integer, Path, EmbeddedServer> factory;

    ServerKind(int localPort, Class<? extends EmbeddedServer> type, BiFunction<Integer, Path, EmbeddedServer> factory) {
        this.localPort = localPort;
        this.type = type;
        this.factory = factory;
    }

    /** The kind whose server has this type, or null. */
    static ServerKind ofType(Class<?> type) {
        for (ServerKind kind : values()) {
            if (kind.type == type) {
                return kind;
            }
        }
        return null;
    }

    /** The port {@code local_run.sh} uses, chosen away from each server's default port. */
    public int localPort() {
        return localPort;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public EmbeddedServer create(int port, Path workDir) {
        return factory.apply(port, workDir);
    }

    public static ServerKind fromCliName(String name) {
        for (ServerKind kind : values()) {
            if (kind.cliName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + name + "'; expected one of postgres, kafka, elasticsearch, mongo, redis");
    }

    /** A port nobody listens on right now (tests run beside whatever the machine already runs). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
