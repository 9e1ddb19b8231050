package dev.cinema.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What a fault test measured, one line each, printed and kept in target/reliability.txt for the README. */
public final class Report {

    private static final Path FILE = Path.of("target", "reliability.txt");

    private Report() {
    }

    public static void line(String format, Object... arguments) {
        String line = format.formatted(arguments);
        System.out.println("[reliability] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException failed) {
            throw new IllegalStateException("could not write " + FILE.toAbsolutePath(), failed);
        }
    }
}
