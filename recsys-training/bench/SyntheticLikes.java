import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fills a schema of its own with recsys-service's tables (its migrations) and synthetic verdicts
 * for the training benchmark: VIEWERS viewers, FILMS films, about LIKES likes (duplicates of a
 * viewer and film are dropped) and a dislike for every tenth verdict. Structure a model must learn:
 * 20 taste clusters, each viewer's picks 80% from their cluster, a steep popularity skew inside it,
 * ids spread over the whole uuid space as real ones are (the job reads ranges of the viewer id).
 *
 *   java -cp 'recsys-training/target/lib/*' SyntheticLikes.java JDBC_URL USER PASSWORD SCHEMA VIEWERS FILMS LIKES
 */
public class SyntheticLikes {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2], schema = args[3];
        int viewers = Integer.parseInt(args[4]), films = Integer.parseInt(args[5]);
        long likes = Long.parseLong(args[6]);
        try (Connection db = DriverManager.getConnection(url, user, password); Statement statement = db.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("SET search_path TO " + schema);
            try (Stream<Path> files = Files.list(Path.of("recsys-service/src/main/resources/db/migration"))) {
                for (Path migration : files.filter(file -> file.getFileName().toString().matches("V[0-9]+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(SyntheticLikes::number)).toList()) {
                    statement.execute(Files.readString(migration));
                }
            }
            long perViewer = Math.max(1, likes / viewers);
            // viewer v, pick n: cluster v % 20; 80% of picks from it, the rest anywhere; inside a cluster
            // film rank = floor(size * random()^3), so a few films take most likes
            statement.execute("""
                    INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at)
                    SELECT md5('viewer' || v)::uuid,
                           md5('film' || CASE WHEN random() < 0.8
                                   THEN (v %% 20) + 20 * floor((%d / 20) * power(random(), 3))::int
                                   ELSE floor(%d * random())::int END)::uuid,
                           CASE WHEN n %% 10 = 9 THEN -1 ELSE 1 END, false,
                           timestamptz '2026-01-01' + make_interval(secs => v * 60 + n)
                    FROM generate_series(0, %d - 1) AS v, generate_series(0, %d - 1) AS n
                    ON CONFLICT DO NOTHING""".formatted(films, films, viewers, perViewer * 10 / 9));
            statement.execute("ANALYZE user_film");
            try (ResultSet counts = statement.executeQuery(
                    "SELECT count(*) FILTER (WHERE reaction = 1), count(*), count(DISTINCT user_id), count(DISTINCT film_id) FROM user_film")) {
                counts.next();
                System.out.printf("synthetic %s: %d likes, %d verdicts, %d viewers, %d films%n", schema, counts.getLong(1),
                        counts.getLong(2), counts.getLong(3), counts.getLong(4));
            }
        }
    }

    private static int number(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
