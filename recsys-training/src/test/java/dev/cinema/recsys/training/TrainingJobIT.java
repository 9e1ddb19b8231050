package dev.cinema.recsys.training;

import dev.cinema.infra.EmbeddedServer;
import dev.cinema.infra.ServerKind;
import dev.cinema.infra.TestServers;
import dev.cinema.recsys.model.Ndcg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Training runs against a real PostgreSQL holding recsys-service's own schema (its migrations). */
class TrainingJobIT {

    private static final Path MIGRATIONS = Path.of("..", "recsys-service", "src", "main", "resources", "db", "migration");
    private static Map<String, String> environment;
    private static TrainingSettings settings;

    @BeforeAll
    static void schema() throws Exception {
        EmbeddedServer postgres = TestServers.get(ServerKind.POSTGRES);
        environment = postgres.connectionSettings();
        settings = TrainingSettings.from(environment, new String[]{"--master=local[2]", "--partitions=4", "--rank=16", "--iterations=10",
                "--minimum-likes=50"});
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
            try (Stream<Path> files = Files.list(MIGRATIONS)) {
                for (Path migration : files.sorted(Comparator.comparingInt(TrainingJobIT::migrationNumber)).toList()) {
                    statement.execute(Files.readString(migration));
                }
            }
        }
    }

    private static int migrationNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE user_film, model CASCADE");
        }
    }

    @Test
    void aRunServesAModelThatBeatsLikeCountPopularityOnItsValidationSplit() throws Exception {
        Synthetic data = Synthetic.insert(400, 300, 11);

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet model = statement.executeQuery("SELECT * FROM model")) {
            assertThat(model.next()).isTrue();
            assertThat(model.getString("state")).isEqualTo("serving");
            long version = model.getLong("version");
            double validation = model.getDouble("validation_ndcg");
            int films = model.getInt("films");
            assertThat(model.getInt("validation_viewers")).isEqualTo(data.viewersWithTwoLikes());
            assertThat(model.getLong("verdicts")).isEqualTo(data.verdicts());
            assertThat(model.next()).as("one model").isFalse();
            assertThat(count(db, "SELECT count(*) FROM model_film_factor WHERE version = " + version)).isEqualTo(films);
            assertThat(count(db, "SELECT count(*) FROM model_film_factor WHERE array_length(factors, 1) <> 16")).isZero();
            double popularity = data.popularityNdcg(settings.validationShare());
            assertThat(validation).as("model %.4f, popularity %.4f", validation, popularity).isGreaterThan(1.5 * popularity);
        }
    }

    @Test
    void ofSeveralSettingsTheOneBestOnTheValidationSplitIsKept() throws Exception {
        Synthetic.insert(200, 100, 17);
        TrainingSettings grid = TrainingSettings.from(environment,
                new String[]{"--master=local[2]", "--partitions=4", "--rank=1,16", "--iterations=10", "--minimum-likes=50"});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true));
        try {
            assertThat(TrainingJob.run(grid)).isEqualTo(TrainingJob.TRAINED);
        } finally {
            System.setOut(console);
        }
        // what each setting scored, from the run's own report: rank 1 cannot tell the three genres apart
        Matcher tried = Pattern.compile("\\{\"constants\":\"rank (\\d+)[^\"]*\",\"validationNdcg\":([0-9.]+)\\}")
                .matcher(printed.toString());
        Map<Integer, Double> byRank = new HashMap<>();
        while (tried.find()) {
            byRank.put(Integer.parseInt(tried.group(1)), Double.parseDouble(tried.group(2)));
        }
        assertThat(byRank).containsOnlyKeys(1, 16);
        assertThat(byRank.get(16)).isGreaterThan(byRank.get(1));
        try (Connection db = connect()) {
            assertThat(count(db, "SELECT rank FROM model WHERE state = 'serving'")).isEqualTo(16);
            assertThat(count(db, "SELECT count(*) FROM model_film_factor WHERE array_length(factors, 1) <> 16")).isZero();
        }
    }

    @Test
    void aNewRunTakesOverInOneSwapAndTheModelBeforeItIsKeptRetired() throws Exception {
        Synthetic.insert(200, 100, 12);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = connect()) {
            assertThat(states(db)).containsExactly("retired", "serving");
        }
    }

    @Test
    void aModelWorseThanTheServingOneBeyondItsIntervalIsNotSwappedIn() throws Exception {
        Synthetic.insert(200, 100, 13);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.executeUpdate("UPDATE model SET validation_ndcg = 0.999, validation_low = 0.99 WHERE state = 'serving'");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = connect()) {
            assertThat(states(db)).containsExactly("serving", "rejected");
        }
    }

    @Test
    void aSecondRunWhileOneRunsTrainsNothing() throws Exception {
        Synthetic.insert(200, 100, 14);
        try (Connection holder = connect(); PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, hashtext(current_schema()))")) {
            lock.setInt(1, ModelStore.LOCK);
            lock.execute();

            assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.ANOTHER_RUN);
        }
        try (Connection db = connect()) {
            assertThat(count(db, "SELECT count(*) FROM model")).isZero();
        }
    }

    @Test
    void tooFewLikesTrainNothingAndTheServingModelStays() throws Exception {
        Synthetic.insert(200, 100, 15);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            // one viewer's verdicts are left: at most 30, under the 50 likes a run needs
            statement.executeUpdate("DELETE FROM user_film WHERE user_id <> (SELECT user_id FROM user_film ORDER BY user_id LIMIT 1)");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TOO_FEW_LIKES);

        try (Connection db = connect()) {
            assertThat(states(db)).containsExactly("serving");
        }
    }

    @Test
    void whatARunThatDiedLeftHalfWrittenIsRemovedByTheNext() throws Exception {
        Synthetic.insert(200, 100, 16);
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO model (rank, regularization, alpha, iterations, viewers, films, verdicts, validation_ndcg,
                                       validation_low, validation_high, validation_viewers)
                    VALUES (16, 0.1, 10, 10, 1, 1, 1, 0, 0, 0, 1)""");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = connect()) {
            assertThat(states(db)).containsExactly("serving");
        }
    }

    private static List<String> states(Connection db) throws SQLException {
        List<String> states = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT state FROM model ORDER BY version")) {
            while (rows.next()) {
                states.add(rows.getString(1));
            }
        }
        return states;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /**
     * Viewers with overlapping tastes (each film belongs to one of three genres, each viewer prefers
     * one or two), a popularity skew inside each genre, and noise: structure a model can learn and
     * plain popularity cannot.
     */
    record Synthetic(Map<UUID, List<UUID>> likesInOrder, Map<UUID, List<UUID>> verdictsInOrder, long verdicts) {

        static Synthetic insert(int viewers, int films, long seed) throws SQLException {
            java.util.Random random = new Random(seed);
            List<UUID> filmIds = new ArrayList<>();
            for (int i = 0; i < films; i++) {
                filmIds.add(new UUID(0x1000 + seed, i));
            }
            Map<UUID, List<UUID>> likes = new HashMap<>();
            Map<UUID, List<UUID>> known = new HashMap<>();
            long verdicts = 0;
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            try (Connection db = connect(); PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int v = 0; v < viewers; v++) {
                    UUID viewer = new UUID(random.nextLong(), random.nextLong());
                    int favourite = random.nextInt(3);
                    int second = random.nextInt(3);
                    int count = 5 + random.nextInt(25);
                    Set<UUID> chosen = new HashSet<>();
                    for (int n = 0; n < count; n++) {
                        // within a genre, low-numbered films are the popular ones
                        int genre = random.nextDouble() < 0.7 ? favourite : random.nextDouble() < 0.6 ? second : random.nextInt(3);
                        int rankInGenre = (int) Math.min(films / 3 - 1, Math.floor(Math.abs(random.nextGaussian()) * films / 12));
                        UUID film = filmIds.get(rankInGenre * 3 + genre);
                        if (!chosen.add(film)) {
                            continue;
                        }
                        boolean like = genre == favourite || genre == second || random.nextDouble() < 0.3;
                        boolean excluded = !like && random.nextDouble() < 0.3;
                        insert.setObject(1, viewer);
                        insert.setObject(2, film);
                        insert.setObject(3, excluded ? null : (short) (like ? 1 : -1));
                        insert.setBoolean(4, excluded);
                        insert.setTimestamp(5, Timestamp.from(start.plusSeconds(3600L * v + 60L * n)));
                        insert.addBatch();
                        verdicts++;
                        known.computeIfAbsent(viewer, k -> new ArrayList<>()).add(film);
                        if (like) {
                            likes.computeIfAbsent(viewer, k -> new ArrayList<>()).add(film);
                        }
                    }
                }
                insert.executeBatch();
            }
            return new Synthetic(likes, known, verdicts);
        }

        int viewersWithTwoLikes() {
            return (int) likesInOrder.values().stream().filter(list -> list.size() >= 2).count();
        }

        /**
         * Like-count popularity under the validation protocol, computed here on its own: each viewer
         * with two likes or more has the latest share of them held out, and is shown the films most
         * liked by everyone's remaining likes that the viewer gave no verdict on before the first
         * held-out like.
         */
        double popularityNdcg(double share) {
            Map<UUID, Set<UUID>> held = new HashMap<>();
            Map<UUID, Integer> likeCounts = new HashMap<>();
            likesInOrder.forEach((viewer, films) -> {
                int count = films.size() >= 2 ? Math.max(1, (int) Math.round(share * films.size())) : 0;
                held.put(viewer, new HashSet<>(films.subList(films.size() - count, films.size())));
                films.subList(0, films.size() - count).forEach(film -> likeCounts.merge(film, 1, Integer::sum));
            });
            List<UUID> byLikes = likeCounts.entrySet().stream()
                    .sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            double sum = 0;
            int viewers = 0;
            for (Map.Entry<UUID, Set<UUID>> entry : held.entrySet()) {
                if (entry.getValue().isEmpty()) {
                    continue;
                }
                List<UUID> inOrder = verdictsInOrder.get(entry.getKey());
                int firstHeld = inOrder.stream().filter(entry.getValue()::contains).mapToInt(inOrder::indexOf).min().orElseThrow();
                Set<UUID> seen = new HashSet<>(inOrder.subList(0, firstHeld));
                List<UUID> top = byLikes.stream().filter(film -> !seen.contains(film)).limit(10).toList();
                sum += Ndcg.at(10, top, entry.getValue());
                viewers++;
            }
            return sum / viewers;
        }
    }
}
