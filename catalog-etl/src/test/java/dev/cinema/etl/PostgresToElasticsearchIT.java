package dev.cinema.etl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cinema.etl.EtlCli.Outcome;
import dev.cinema.etl.practicum.SyntheticCatalog;
import dev.cinema.etl.report.StageReport;
import dev.cinema.infra.ElasticsearchServer;
import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.cinema.etl.CatalogStore.count;
import static dev.cinema.etl.CatalogStore.document;
import static dev.cinema.etl.CatalogStore.documents;
import static dev.cinema.etl.CatalogStore.execute;
import static dev.cinema.etl.SqliteToPostgresIT.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedServers({ServerKind.POSTGRES, ServerKind.ELASTICSEARCH})
class PostgresToElasticsearchIT {

    @TempDir
    Path dir;

    @BeforeEach
    void startFromNothing() throws Exception {
        CatalogStore.reset();
    }

    @AfterEach
    void forgetOverrides() {
        System.clearProperty("etl.elasticsearch-retry-for");
        System.clearProperty("etl.batch-size");
    }

    @Test
    void filmsCarryTheirGenresAndCreditsAndPersonsTheirFilmsAndRoles() throws Exception {
        Outcome outcome = EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");

        assertThat(outcome.exitCode()).isZero();
        assertThat(documents("movies")).isEqualTo(2);
        assertThat(documents("genres")).isEqualTo(2);
        assertThat(documents("persons")).isEqualTo(2);
        JsonNode first = document("movies", Fixtures.FIRST_FILM.toString());
        assertThat(first.path("title").asText()).isEqualTo("The First Film");
        assertThat(first.path("imdb_rating").asDouble()).isEqualTo(7.5);
        assertThat(first.path("creation_date").asText()).isEqualTo("1999-05-01");
        assertThat(first.path("genres").get(0).path("name").asText()).isEqualTo("Drama");
        assertThat(first.path("directors_names").get(0).asText()).isEqualTo("Dan Director");
        assertThat(first.path("actors").get(0).path("id").asText()).isEqualTo(Fixtures.ACTOR.toString());
        assertThat(first.path("embedding").isArray()).as("embeddings were off").isFalse();
        JsonNode actor = document("persons", Fixtures.ACTOR.toString());
        assertThat(actor.path("full_name").asText()).isEqualTo("Ada Actor");
        assertThat(actor.path("films")).hasSize(2);
        assertThat(actor.path("films").get(0).path("roles").get(0).asText()).isEqualTo("actor");
    }

    @Test
    void theNextRunIndexesOnlyWhatChanged() throws Exception {
        EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");

        Outcome idle = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");
        assertThat(idle.reports().getFirst().moved()).isZero();

        execute("UPDATE content.film_work SET title = 'The First Film, Restored', modified = now() WHERE id = '" + Fixtures.FIRST_FILM + "'");
        Outcome changed = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

        assertThat(table(changed.reports().getFirst(), "movies").changed()).isEqualTo(1);
        assertThat(changed.reports().getFirst().moved()).isEqualTo(1);
        assertThat(document("movies", Fixtures.FIRST_FILM.toString()).path("title").asText()).isEqualTo("The First Film, Restored");
    }

    @Test
    void aWipedIndexIsFilledAgainByTheNextRunThoughPostgresSaysItWasDone() throws Exception {
        EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");
        CatalogStore.elasticsearch("DELETE", "/movies", null);

        Outcome again = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

        assertThat(again.exitCode()).isZero();
        assertThat(documents("movies")).isEqualTo(2);
        assertThat(document("movies", Fixtures.FIRST_FILM.toString()).path("title").asText()).isEqualTo("The First Film");
    }

    @Test
    void aFilmElasticsearchRefusedIsIndexedAgainByTheNextRunThoughTheCursorWentOn() throws Exception {
        EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");
        execute("UPDATE content.film_work SET title = 'The First Film, Restored', modified = now() WHERE id = '" + Fixtures.FIRST_FILM + "'");
        CatalogStore.elasticsearch("PUT", "/movies/_settings", "{\"index.blocks.write\": true}");
        try {
            Outcome refused = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

            assertThat(refused.exitCode()).isEqualTo(EtlCli.ROWS_FAILED);
            assertThat(table(refused.reports().getFirst(), "movies").failed()).isEqualTo(1);
        } finally {
            CatalogStore.elasticsearch("PUT", "/movies/_settings", "{\"index.blocks.write\": false}");
        }

        Outcome again = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

        assertThat(again.exitCode()).isZero();
        assertThat(document("movies", Fixtures.FIRST_FILM.toString()).path("title").asText()).isEqualTo("The First Film, Restored");
        assertThat(count("SELECT count(*) FROM content.etl_refused")).as("nothing refused is left").isZero();
    }

    @Test
    void aReindexKeepsTheVotesRecsysWroteAndClearsThePopularityForRecsysToComputeAgain() throws Exception {
        EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");
        String film = Fixtures.FIRST_FILM.toString();
        CatalogStore.elasticsearch("POST", "/movies/_update/" + film + "?refresh=true",
                "{\"doc\": {\"likes\": 12, \"dislikes\": 3, \"popularity\": 7.9}}");

        execute("UPDATE content.film_work SET rating = 8.1, description = NULL, modified = now() WHERE id = '" + film + "'");
        EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

        JsonNode reindexed = document("movies", film);
        assertThat(reindexed.path("imdb_rating").asDouble()).isEqualTo(8.1);
        assertThat(reindexed.path("description").isNull()).as("a value cleared in PostgreSQL is cleared in the index").isTrue();
        assertThat(reindexed.path("likes").asInt()).isEqualTo(12);
        assertThat(reindexed.path("dislikes").asInt()).isEqualTo(3);
        assertThat(reindexed.path("popularity").isNull()).isTrue();
    }

    @Test
    void aRenamedPersonOrGenreReindexesTheFilmsThatNameThem() throws Exception {
        EtlCli.run("run", "--sqlite", Fixtures.twoFilms(dir).toString(), "--embeddings=off");

        execute("UPDATE content.person SET full_name = 'Ada Famous', modified = now() WHERE id = '" + Fixtures.ACTOR + "'");
        execute("UPDATE content.genre SET name = 'Tragedy', modified = now() WHERE id = '" + Fixtures.DRAMA + "'");
        StageReport report = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off").reports().getFirst();

        assertThat(table(report, "persons").moved()).isEqualTo(1);
        assertThat(table(report, "genres").moved()).isEqualTo(1);
        assertThat(table(report, "movies").moved()).as("the actor's two films, the first one also for its genre").isEqualTo(3);
        assertThat(document("movies", Fixtures.SECOND_FILM.toString()).path("actors_names").get(0).asText()).isEqualTo("Ada Famous");
        assertThat(document("movies", Fixtures.FIRST_FILM.toString()).path("genres").get(0).path("name").asText()).isEqualTo("Tragedy");
        assertThat(document("persons", Fixtures.ACTOR.toString()).path("full_name").asText()).isEqualTo("Ada Famous");
    }

    @Tag("long") // in ./mvnw verify -Plong: 6,000 films, a run killed mid-way
    @Test
    void aKilledRunResumesAtItsLastIndexedBatch() throws Exception {
        int films = 6_000;
        Path file = dir.resolve("catalog.sqlite");
        SyntheticCatalog.write(file, films);
        assertThat(EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString()).exitCode()).isZero();

        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                "-DPOSTGRES_URL=" + System.getProperty("POSTGRES_URL"),
                "-DELASTICSEARCH_URL=" + System.getProperty("ELASTICSEARCH_URL"),
                "-Detl.batch-size=100",
                CatalogEtlApplication.class.getName(), "postgres-to-elasticsearch", "--embeddings=off")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> count("SELECT count(*) FROM content.etl_state WHERE stream = 'FILMS'") > 0);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long indexedBeforeTheKill = documents("movies");
        assertThat(indexedBeforeTheKill).as("killed part-way through the films").isBetween(1L, films - 1L);

        Outcome resumed = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");

        assertThat(resumed.exitCode()).isZero();
        assertThat(documents("movies")).isEqualTo(films);
        long reindexed = table(resumed.reports().getFirst(), "movies").moved();
        assertThat(reindexed).as("only the films after the saved cursor, plus at most the batches in flight at the kill")
                .isLessThanOrEqualTo(films - indexedBeforeTheKill + 2 * 100);
    }

    @Tag("long") // in ./mvnw verify -Plong: stops and restarts Elasticsearch
    @Test
    void elasticsearchDownForAWhileDelaysTheRunButLosesNothing(ElasticsearchServer elasticsearch) throws Exception {
        EtlCli.run("sqlite-to-postgres", "--sqlite", Fixtures.twoFilms(dir).toString());
        elasticsearch.stop();
        CompletableFuture<Outcome> run;
        try {
            System.setProperty("etl.elasticsearch-retry-for", "3m");
            run = CompletableFuture.supplyAsync(() -> EtlCli.run("postgres-to-elasticsearch", "--embeddings=off"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !run.isDone());
        } finally {
            elasticsearch.start();
        }

        Outcome outcome = run.get(3, TimeUnit.MINUTES);

        assertThat(outcome.exitCode()).isZero();
        assertThat(documents("movies")).isEqualTo(2);
        assertThat(documents("persons")).isEqualTo(2);
    }

    @Tag("long") // in ./mvnw verify -Plong: stops and restarts Elasticsearch
    @Test
    void elasticsearchDownForLongerThanTheRetryWindowStopsTheStageAndKeepsTheCursor(ElasticsearchServer elasticsearch)
            throws Exception {
        EtlCli.run("sqlite-to-postgres", "--sqlite", Fixtures.twoFilms(dir).toString());
        System.setProperty("etl.elasticsearch-retry-for", "2s");
        elasticsearch.stop();
        Outcome outcome;
        try {
            outcome = EtlCli.run("postgres-to-elasticsearch", "--embeddings=off");
        } finally {
            elasticsearch.start();
        }

        assertThat(outcome.exitCode()).isEqualTo(EtlCli.STAGE_STOPPED);
        assertThat(outcome.reports().getFirst().abortedBecause()).contains("Elasticsearch did not answer");
        assertThat(count("SELECT count(*) FROM content.etl_state")).isZero();
        assertThat(EtlCli.run("postgres-to-elasticsearch", "--embeddings=off").exitCode()).isZero();
        assertThat(documents("movies")).isEqualTo(2);
    }

    @Test
    void filmsGetVectorsThatFindSimilarFilmsAndAreNotRecomputedForAnUnchangedText() throws Exception {
        Outcome outcome = EtlCli.run("run", "--demo", "--embeddings=on");

        assertThat(outcome.exitCode()).isZero();
        StageReport indexed = outcome.reports().getLast();
        long films = count("SELECT count(*) FROM content.film_work");
        assertThat(table(indexed, "embeddings").created()).isEqualTo(films);
        String newHope = CatalogStore.strings("SELECT id FROM content.film_work WHERE title = 'Star Wars: Episode IV - A New Hope'").getFirst();
        JsonNode vector = document("movies", newHope).path("embedding");
        assertThat(vector).hasSize(384);
        JsonNode neighbours = CatalogStore.search("movies", """
                {"knn": {"field": "embedding", "query_vector": %s, "k": 6, "num_candidates": 100}, "_source": ["title"]}
                """.formatted(vector));
        assertThat(neighbours.findValuesAsText("title")).contains("Star Wars: Episode V - The Empire Strikes Back");

        execute("UPDATE content.person SET modified = now()");
        StageReport again = EtlCli.run("postgres-to-elasticsearch", "--embeddings=on").reports().getFirst();
        assertThat(table(again, "movies").moved()).as("every film names a person; some, in two batches of persons")
                .isGreaterThanOrEqualTo(films);
        assertThat(table(again, "embeddings").created()).as("no film text changed").isZero();
        assertThat(table(again, "embeddings").unchanged()).isEqualTo(table(again, "movies").moved());

        // A run without embeddings updates the film and keeps the vector it had.
        execute("UPDATE content.film_work SET title = 'A New Hope', modified = now() WHERE id = '" + newHope + "'");
        assertThat(EtlCli.run("postgres-to-elasticsearch", "--embeddings=off").exitCode()).isZero();
        JsonNode renamed = document("movies", newHope);
        assertThat(renamed.path("title").asText()).isEqualTo("A New Hope");
        assertThat(renamed.path("embedding")).as("the stored vector, kept by a run without embeddings").isEqualTo(vector);
    }
}
