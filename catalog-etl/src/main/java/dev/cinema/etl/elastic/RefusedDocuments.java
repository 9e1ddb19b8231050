package dev.cinema.etl.elastic;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The documents Elasticsearch refused, kept in PostgreSQL beside the cursors: a run moves its
 * cursor past a refused document (else one bad document would stop the catalog for good), and
 * indexes the refused ones again first thing at the next run.
 */
final class RefusedDocuments {

    private final JdbcTemplate jdbc;

    RefusedDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The database's time now: what was refused before it, and indexed again after it, can go. */
    OffsetDateTime now() {
        return jdbc.queryForObject("SELECT now()", OffsetDateTime.class);
    }

    List<UUID> of(String index) {
        return jdbc.queryForList("SELECT doc_id FROM etl_refused WHERE index_name = ?", UUID.class, index);
    }

    /** Forgets what was refused before {@code time}: indexed again since, or refused again (and so kept anew). */
    void forgetRefusedBefore(OffsetDateTime time) {
        jdbc.update("DELETE FROM etl_refused WHERE refused_at < ?", time);
    }

    void keep(String index, Map<String, String> reasonById) {
        reasonById.forEach((id, reason) -> jdbc.update("""
                INSERT INTO etl_refused (index_name, doc_id, reason) VALUES (?, ?, ?)
                ON CONFLICT (index_name, doc_id) DO UPDATE SET reason = excluded.reason, refused_at = now()
                """, index, UUID.fromString(id), reason));
    }

    void forget() {
        jdbc.update("DELETE FROM etl_refused");
    }
}
