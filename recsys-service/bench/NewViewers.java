import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The refresh benchmark's start line. Its viewers' likes arrive while recsys-service waits an hour
 * before refreshing anyone (RECSYS_REFRESH_DELAY=1h); {@code waiting} prints how many viewers were
 * never refreshed and are not being refreshed (all of them once their likes are applied), and
 * {@code due} makes them all due at once, so that the benchmark times the refresh alone, not the
 * arrival of the likes.
 *
 *   java -cp 'recsys-training/target/lib/*' recsys-service/bench/NewViewers.java JDBC_URL waiting|due
 */
public class NewViewers {

    public static void main(String[] arguments) throws SQLException {
        String user = System.getenv().getOrDefault("POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres");
        try (Connection db = DriverManager.getConnection(arguments[0], user, password); Statement statement = db.createStatement()) {
            switch (arguments[1]) {
                case "waiting" -> print(statement.executeQuery(
                        "SELECT count(*) FROM user_refresh WHERE refreshed_at IS NULL AND claimed_by IS NULL AND due_at > now()"));
                case "due" -> System.out.println(statement.executeUpdate(
                        "UPDATE user_refresh SET due_at = now() WHERE refreshed_at IS NULL AND claimed_by IS NULL"));
                default -> throw new IllegalArgumentException("waiting or due, not " + arguments[1]);
            }
        }
    }

    private static void print(ResultSet rows) throws SQLException {
        while (rows.next()) {
            System.out.println(rows.getLong(1));
        }
    }
}
