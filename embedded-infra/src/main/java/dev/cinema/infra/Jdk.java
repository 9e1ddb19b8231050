package dev.cinema.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JDK that child JVMs run on: this one when it is 21 or newer (Elasticsearch 9 needs 21). */
final class Jdk {

    private Jdk() {
    }

    static Path home() {
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        for (String variable : new String[] {"ES_JAVA_HOME", "JAVA_HOME"}) {
            String value = System.getenv(variable);
            if (value != null && Files.isExecutable(Path.of(value, "bin", "java"))) {
                return Path.of(value);
            }
        }
        throw new IllegalStateException("a JDK 21 or newer is needed; this JVM is " + Runtime.version()
                + ". Set JAVA_HOME to a JDK 21+.");
    }

    static String java() {
        return home().resolve("bin/java").toString();
    }
}
