package dev.cinema.recsys.training;

import dev.cinema.recsys.model.FilmFactors;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars a Spark cluster's executors need that a Spark installation does not hold: this job's
 * own, the model's equations and the PostgreSQL driver. A {@code java -jar} run against a cluster
 * ships them itself (Spark's {@code spark.jars}); under {@code spark-submit} they are named with
 * {@code --jars} and the application jar, and nothing is added.
 */
final class ShippedJars {

    private static final List<Class<?>> NEEDED = List.of(TrainingJob.class, FilmFactors.class, org.postgresql.Driver.class);

    private ShippedJars() {
    }

    /** The jars, comma-separated as {@code spark.jars} takes them; empty when run from classes (tests). */
    static String commaSeparated() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> type : NEEDED) {
            Path location = locationOf(type);
            if (location != null && Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
                jars.add(location.toAbsolutePath().toString());
            }
        }
        return String.join(",", jars);
    }

    private static Path locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return null;
        }
    }
}
