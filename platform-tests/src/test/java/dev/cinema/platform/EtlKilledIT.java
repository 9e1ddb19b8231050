package dev.cinema.platform;

import dev.cinema.infra.EmbeddedServer;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * catalog-etl killed (SIGKILL) in the middle of each stage and started again, against a clean run
 * of the same catalog: PostgreSQL and Elasticsearch end up holding exactly the same. Each run has
 * servers of its own (the platform's catalog is left alone), and the catalog is the ETL's
 * synthetic one (Practicum schema), big enough to be killed part-way through.
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): one of the slowest cases
class EtlKilledIT {

    private static final int FILMS = 20_000;
    private static final Path DIR = Path.of("target", "etl-killed").toAbsolutePath();
    private static final Path JAR = Platform.ROOT.resolve("catalog-etl/target/catalog-etl.jar");
    private static final List<EmbeddedServer> SERVERS = new ArrayList<>();
    private static Path catalog;

    @BeforeAll
    static void generateTheCatalog() throws Exception {
        assertThat(JAR).as("catalog-etl's jar (./mvnw package)").exists();
        Files.createDirectories(DIR);
        catalog = DIR.resolve("catalog-" + FILMS + ".sqlite");
        if (!Files.exists(catalog)) {
            assertThat(etl(Map.of(), "generate", "--films", String.valueOf(FILMS), "--out", catalog.toString()).waitFor()).isZero();
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(EmbeddedServer::stop);
    }

    @Test
    void killedInEachStageAndStartedAgainTheEtlLeavesWhatACleanRunLeaves() throws Exception {
        Store killed = new Store("killed");
        Process first = killed.run();
        LongSupplier filmsInPostgres = () -> killed.count("SELECT count(*) FROM content.film_work");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> filmsInPostgres.getAsLong() > FILMS / 10);
        kill(first);
        long inPostgresAtTheKill = filmsInPostgres.getAsLong();
        assertThat(inPostgresAtTheKill).as("killed part-way through PostgreSQL's films").isBetween(1L, FILMS - 1L);

        Process second = killed.run();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> killed.documents("movies") > FILMS / 10);
        kill(second);
        long inElasticsearchAtTheKill = killed.documents("movies");
        assertThat(inElasticsearchAtTheKill).as("killed part-way through Elasticsearch's films").isBetween(1L, FILMS - 1L);

        assertThat(killed.run().waitFor(5, TimeUnit.MINUTES)).isTrue();
        Store clean = new Store("clean");
        Process cleanRun = clean.run();
        assertThat(cleanRun.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(cleanRun.exitValue()).isZero();

        Map<String, String> tables = killed.tables();
        assertThat(tables).as("PostgreSQL's content tables, row counts and digests").isEqualTo(clean.tables());
        for (String index : List.of("movies", "genres", "persons")) {
            assertThat(killed.documents(index)).as(index).isEqualTo(clean.documents(index)).isPositive();
            assertThat(killed.digest(index)).as(index + ": every document's id and content").isEqualTo(clean.digest(index));
        }
        Report.line("catalog-etl killed (SIGKILL) with %,d of %,d films in PostgreSQL, then again with %,d in Elasticsearch, then run to the end: "
                + "PostgreSQL (%d tables) and Elasticsearch (3 indices) equal a clean run's", inPostgresAtTheKill, FILMS, inElasticsearchAtTheKill,
                tables.size());
    }

    private static void kill(Process etl) throws InterruptedException {
        etl.destroyForcibly();
        assertThat(etl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static Process etl(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("etl.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("ETL_PROGRESS_EVERY", "1s");
        return builder.start();
    }

    /** A PostgreSQL and an Elasticsearch of their own, and the ETL run against them. */
    private static final class Store {

        private final EmbeddedServer postgres;
        private final EmbeddedServer elasticsearch;
        private final Map<String, String> settings = new TreeMap<>();

        Store(String name) {
            postgres = start(ServerKind.POSTGRES, name);
            elasticsearch = start(ServerKind.ELASTICSEARCH, name);
            settings.putAll(postgres.connectionSettings());
            settings.putAll(elasticsearch.connectionSettings());
        }

        private static EmbeddedServer start(ServerKind kind, String name) {
            Path dir = DIR.resolve(name + "-" + kind.cliName());
            try {
                deleteRecursively(dir);
                Files.createDirectories(dir);
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
            EmbeddedServer server = kind.create(ServerKind.freePort(), dir);
            SERVERS.add(server);
            server.start();
            return server;
        }

        Process run() throws IOException {
            return etl(settings, "run", "--sqlite", catalog.toString(), "--embeddings=off");
        }

        private Connection content() throws SQLException {
            return DriverManager.getConnection("jdbc:" + settings.get("POSTGRES_URL") + "/content",
                    settings.get("POSTGRES_USER"), settings.get("POSTGRES_PASSWORD"));
        }

        long count(String sql) {
            try (Connection connection = content(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException notYet) {
                return 0; // the schema is not there yet
            }
        }

        /**
         * Each content table (the ETL's own cursor table aside): its rows and a digest of all of them
         * but {@code modified}, which is when the row last changed in this database (what the
         * Elasticsearch stage follows), not catalog content.
         */
        Map<String, String> tables() throws SQLException {
            Map<String, String> tables = new TreeMap<>();
            try (Connection connection = content(); Statement statement = connection.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'content' "
                        + "AND table_name NOT IN ('etl_state', 'flyway_schema_history')")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                for (String table : names) {
                    try (ResultSet rows = statement.executeQuery("SELECT count(*), md5(string_agg((to_jsonb(t) - 'modified')::text, E'\\n' ORDER BY (to_jsonb(t) - 'modified')::text)) FROM content."
                            + table + " t")) {
                        rows.next();
                        tables.put(table, rows.getLong(1) + " rows, md5 " + rows.getString(2));
                    }
                }
            }
            return tables;
        }

        long documents(String index) {
            JsonNode count = elasticsearch("GET", "/" + index + "/_count");
            return count.has("count") ? count.get("count").asLong() : 0;
        }

        /** Every document of the index, by id: compared whole, field order aside. */
        Map<String, JsonNode> digest(String index) {
            elasticsearch("POST", "/" + index + "/_refresh");
            Map<String, JsonNode> documents = new TreeMap<>();
            JsonNode page = elasticsearch("POST", "/" + index + "/_search?scroll=1m", "{\"size\": 5000}");
            while (!page.get("hits").get("hits").isEmpty()) {
                page.get("hits").get("hits").forEach(hit -> documents.put(hit.get("_id").asString(), hit.get("_source")));
                page = elasticsearch("POST", "/_search/scroll", "{\"scroll\": \"1m\", \"scroll_id\": \"" + page.get("_scroll_id").asString() + "\"}");
            }
            return documents;
        }

        private JsonNode elasticsearch(String method, String path) {
            return elasticsearch(method, path, null);
        }

        private JsonNode elasticsearch(String method, String path, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.get("ELASTICSEARCH_URL") + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                return Http.JSON.readTree(Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException failed) {
                throw new IllegalStateException(method + " " + path, failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
