package dev.cinema.etl.sqlite;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of one table that a link may point at: those written during this load, and those
 * PostgreSQL already had (looked up only for ids this load has not seen).
 */
final class KnownIds {

    private final DataSource dataSource;
    private final String table;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    KnownIds(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    void add(UUID id) {
        known.add(id);
    }

    /** Which of these ids exist neither in this load nor in PostgreSQL. */
    Set<UUID> unknown(Collection<UUID> ids) {
        List<UUID> notSeen = new ArrayList<>();
        for (UUID id : ids) {
            if (!known.contains(id)) {
                notSeen.add(id);
            }
        }
        if (notSeen.isEmpty()) {
            return Set.of();
        }
        Set<UUID> missing = new HashSet<>(notSeen);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", notSeen.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID found = rows.getObject(1, UUID.class);
                    known.add(found);
                    missing.remove(found);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
        return missing;
    }
}
