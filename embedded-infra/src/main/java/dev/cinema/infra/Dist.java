package dev.cinema.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server files that Maven unpacks beside this module's jar: {@code kafka/} (the broker's
 * classpath) and {@code elasticsearch-<version>/}. Named by the {@code embedded.dist} system
 * property or the {@code EMBEDDED_DIST} variable, else found above the working directory.
 */
final class Dist {

    static final String ELASTICSEARCH_DIR = "elasticsearch-9.2.0";

    private Dist() {
    }

    static Path root() {
        String configured = System.getProperty("embedded.dist", System.getenv("EMBEDDED_DIST"));
        if (configured != null && !configured.isBlank()) {
            return checked(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("embedded-infra/target/dist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("embedded-infra/target/dist not found: build it first with "
                + "'./mvnw -pl embedded-infra package -DskipTests' or set EMBEDDED_DIST");
    }

    static Path kafkaClasspath() {
        return checked(root().resolve("kafka"));
    }

    static Path elasticsearchHome() {
        return checked(root().resolve(ELASTICSEARCH_DIR));
    }

    private static Path checked(Path path) {
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " is missing: build embedded-infra first with "
                    + "'./mvnw -pl embedded-infra package -DskipTests'");
        }
        return path;
    }
}
