package dev.cinema.platform.soak;

import dev.cinema.platform.Platform;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the platform under the soak is, from the variables {@code local_run.sh} reads (so that a
 * platform started with its ports moved is found with the same variables): nginx, and the stores
 * the end state is read from.
 *
 * @param root the clone whose {@code local_run.sh} stops and starts the parts
 */
record Addresses(URI nginx, Path root, String recsysJdbcUrl, String postgresUser, String postgresPassword, String mongoUri,
                 String kafka, String eventsTopic, String consumerGroup) {

    static Addresses fromEnvironment() {
        return of(System.getenv());
    }

    static Addresses of(Map<String, String> environment) {
        String postgres = environment.getOrDefault("POSTGRES_URL",
                "postgresql://127.0.0.1:" + environment.getOrDefault("POSTGRES_PORT", "15432"));
        return new Addresses(Platform.URL, Platform.ROOT, "jdbc:" + postgres + "/recsys",
                environment.getOrDefault("POSTGRES_USER", "postgres"), environment.getOrDefault("POSTGRES_PASSWORD", "postgres"),
                environment.getOrDefault("MONGODB_URI", "mongodb://127.0.0.1:" + environment.getOrDefault("MONGO_PORT", "27018") + "/ugc"),
                environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + environment.getOrDefault("KAFKA_PORT", "19092")),
                environment.getOrDefault("UGC_EVENTS_TOPIC", "ugc.reactions.v1"),
                environment.getOrDefault("RECSYS_CONSUMER_GROUP", "recsys-service"));
    }

    /**
     * Refuses to go on unless the nginx of {@code root} is the one listening at {@code nginx}: faults go
     * to the clone's parts, and they must be the platform the viewers use (never another one that
     * happens to answer at the address).
     */
    void requireOneRun() {
        Path config = Platform.LOCAL.resolve("nginx/nginx.conf");
        try {
            if (!Files.readString(config).contains("listen " + nginx.getPort() + ";")) {
                throw new IllegalStateException(config + " does not listen on " + nginx.getPort() + ": " + nginx
                        + " is not the platform of " + root + "; set NGINX_PORT (and the other ports) as that platform was started");
            }
        } catch (IOException missing) {
            throw new IllegalStateException("no platform started from " + root + " (" + config + " is missing)", missing);
        }
    }
}
