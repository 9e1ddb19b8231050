package dev.cinema.etl.elastic;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A position in one table's changes: everything up to and including (modified, id) is indexed. */
record Cursor(OffsetDateTime modified, UUID id) {

    static final Cursor START = new Cursor(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), new UUID(0, 0));
}
