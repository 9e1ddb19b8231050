package dev.cinema.etl.elastic;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Where the Elasticsearch stage stopped in each table, kept in PostgreSQL next to the data. */
final class SyncState {

    private final JdbcTemplate jdbc;

    SyncState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Cursor load(String stream) {
        return jdbc.query("SELECT last_modified, last_id FROM etl_state WHERE stream = ?",
                rows -> rows.next()
                        ? new Cursor(rows.getObject(1, OffsetDateTime.class), rows.getObject(2, UUID.class))
                        : Cursor.START,
                stream);
    }

    void forget() {
        jdbc.update("DELETE FROM etl_state");
    }

    void save(String stream, Cursor cursor) {
        jdbc.update("""
                INSERT INTO etl_state (stream, last_modified, last_id) VALUES (?, ?, ?)
                ON CONFLICT (stream) DO UPDATE SET last_modified = excluded.last_modified, last_id = excluded.last_id, updated = now()
                """, stream, cursor.modified(), cursor.id());
    }
}
