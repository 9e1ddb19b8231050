package dev.cinema.etl.sqlite;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The rows of a Practicum-schema file, and the checks a raw SQLite value must pass to become one. */
final class PracticumRows {

    static final Set<String> ROLES = Set.of("actor", "director", "writer");

    record Film(UUID id, String title, String description, LocalDate creationDate, Double rating, String type,
                OffsetDateTime created) {
    }

    record Genre(UUID id, String name, String description, OffsetDateTime created) {
    }

    record Person(UUID id, String fullName, LocalDate birthDate, OffsetDateTime created) {
    }

    record GenreLink(UUID id, UUID filmId, UUID genreId, OffsetDateTime created) {
    }

    record PersonLink(UUID id, UUID filmId, UUID personId, String role, OffsetDateTime created) {
    }

    /** A value that cannot be loaded; the row is skipped and reported with this reason. */
    static final class BadRow extends Exception {
        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    // SQLite stores what it was given: "2021-06-16 20:14:09.221838+00", ISO-8601 with a T, with or without a zone.
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private PracticumRows() {
    }

    static UUID uuid(String column, Object value) throws BadRow {
        String text = value == null ? null : value.toString().trim();
        if (text == null || text.isEmpty()) {
            throw new BadRow(column + " is empty");
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new BadRow(column + " is not a UUID: '" + abbreviate(text) + "'");
        }
        return UUID.fromString(text);
    }

    static String required(String column, Object value) throws BadRow {
        String text = optional(value);
        if (text == null) {
            throw new BadRow(column + " is empty");
        }
        return text;
    }

    static String optional(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    static LocalDate date(String column, Object value) throws BadRow {
        String text = optional(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new BadRow(column + " is not a date: '" + abbreviate(text) + "'");
        }
    }

    static OffsetDateTime timestamp(String column, Object value) throws BadRow {
        String text = optional(value);
        if (text == null) {
            return null;
        }
        try {
            var parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withZone ? withZone : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadRow(column + " is not a timestamp: '" + abbreviate(text) + "'");
        }
    }

    static Double rating(String column, Object value) throws BadRow {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        double rating;
        try {
            rating = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadRow(column + " is not a number: '" + abbreviate(value.toString()) + "'");
        }
        if (!(rating >= 0 && rating <= 10)) {
            throw new BadRow(column + " is outside 0..10: " + rating);
        }
        return rating;
    }

    static String role(String column, Object value) throws BadRow {
        String role = required(column, value).toLowerCase(Locale.ROOT);
        if (!ROLES.contains(role)) {
            throw new BadRow(column + " is not one of actor, director, writer: '" + abbreviate(role) + "'");
        }
        return role;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
