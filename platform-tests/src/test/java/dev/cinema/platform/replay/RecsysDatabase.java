package dev.cinema.platform.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;

/**
 * recsys-service's PostgreSQL, read by the replay to know when the platform has caught up: the
 * reactions applied to the profiles, the model marked serving, the viewers refreshed. The replay's
 * platform holds the replay's viewers only, so every row counts.
 */
final class RecsysDatabase {

    private final String url;
    private final String user;
    private final String password;

    private RecsysDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** From the variables {@code local_run.sh} reads (POSTGRES_URL or POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD). */
    static RecsysDatabase of(Map<String, String> environment) {
        String postgres = environment.getOrDefault("POSTGRES_URL", "postgresql://127.0.0.1:" + environment.getOrDefault("POSTGRES_PORT", "15432"));
        return new RecsysDatabase("jdbc:" + postgres + "/recsys", environment.getOrDefault("POSTGRES_USER", "postgres"),
                environment.getOrDefault("POSTGRES_PASSWORD", "postgres"));
    }

    /** The likes and dislikes in the viewers' profiles. */
    long verdicts() {
        return number("SELECT count(*) FROM user_film WHERE reaction IS NOT NULL");
    }

    /** The version of the model marked serving, if one is. */
    Optional<Long> servingModel() {
        long version = number("SELECT coalesce(max(version), 0) FROM model WHERE state = 'serving'");
        return version == 0 ? Optional.empty() : Optional.of(version);
    }

    /**
     * Makes every viewer due now, as the hourly refresh would within the hour (refreshed before the
     * model served, their lists are co-likes'); returns the database's time of it.
     */
    Timestamp everyoneDue() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            Timestamp now;
            try (ResultSet result = statement.executeQuery("SELECT now()")) {
                result.next();
                now = result.getTimestamp(1);
            }
            statement.executeUpdate("UPDATE user_refresh SET due_at = now()");
            return now;
        } catch (SQLException failed) {
            throw new IllegalStateException("recsys-service's database at " + url + ": " + failed.getMessage(), failed);
        }
    }

    /** How many viewers have not been refreshed since {@code since}. */
    long notRefreshedSince(Timestamp since) {
        try (Connection connection = connect();
             var statement = connection.prepareStatement("SELECT count(*) FROM user_refresh WHERE refreshed_at IS NULL OR refreshed_at < ?")) {
            statement.setTimestamp(1, since);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("recsys-service's database at " + url + ": " + failed.getMessage(), failed);
        }
    }

    private long number(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException failed) {
            throw new IllegalStateException("recsys-service's database at " + url + ": " + failed.getMessage(), failed);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
