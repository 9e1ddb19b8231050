package dev.cinema.etl;

import dev.cinema.etl.EtlCli.Outcome;
import dev.cinema.etl.practicum.PracticumFile;
import dev.cinema.etl.practicum.SyntheticCatalog;
import dev.cinema.etl.report.StageReport;
import dev.cinema.etl.report.TableReport;
import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.PostgresServer;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.cinema.etl.CatalogStore.count;
import static dev.cinema.etl.CatalogStore.strings;
import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedServers({ServerKind.POSTGRES, ServerKind.ELASTICSEARCH})
class SqliteToPostgresIT {

    @TempDir
    Path dir;

    @BeforeEach
    void startFromNothing() throws Exception {
        CatalogStore.reset();
    }

    @Test
    void everyRowOfAPracticumFileArrivesWithItsLinks() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        SyntheticCatalog.write(file, 300);

        Outcome outcome = EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(count("SELECT count(*) FROM content.film_work")).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM content.genre")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM content.person")).isEqualTo(150);
        StageReport report = outcome.reports().getFirst();
        assertThat(count("SELECT count(*) FROM content.person_film_work")).isEqualTo(table(report, "person_film_work").created());
        assertThat(count("SELECT count(*) FROM content.genre_film_work")).isEqualTo(table(report, "genre_film_work").created());
        assertThat(table(report, "person_film_work").created()).isGreaterThan(300 * 5);
    }

    @Test
    void loadingTheSameFileTwiceChangesNothing() throws Exception {
        Path file = Fixtures.twoFilms(dir);
        EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString());
        List<String> before = strings("SELECT id || ' ' || modified FROM content.film_work ORDER BY id");

        Outcome again = EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString());

        assertThat(again.exitCode()).isZero();
        StageReport report = again.reports().getFirst();
        assertThat(report.moved()).isZero();
        assertThat(table(report, "film_work").unchanged()).isEqualTo(2);
        assertThat(table(report, "person_film_work").unchanged()).isEqualTo(3);
        assertThat(strings("SELECT id || ' ' || modified FROM content.film_work ORDER BY id")).isEqualTo(before);
    }

    @Test
    void aChangedRowIsUpdatedAndAFilmWithANewLinkIsMarkedModified() throws Exception {
        EtlCli.run("sqlite-to-postgres", "--sqlite", Fixtures.twoFilms(dir).toString());
        String secondModified = strings("SELECT modified FROM content.film_work WHERE id = '" + Fixtures.SECOND_FILM + "'").getFirst();
        Path changed = dir.resolve("changed.sqlite");
        try (PracticumFile catalog = PracticumFile.create(changed)) {
            Fixtures.writeTwoFilms(catalog);
            catalog.execute("UPDATE person SET full_name = 'Ada Renamed' WHERE id = '" + Fixtures.ACTOR + "'");
            catalog.personLink(Fixtures.SECOND_FILM, Fixtures.DIRECTOR, "director");
        }

        Outcome outcome = EtlCli.run("sqlite-to-postgres", "--sqlite", changed.toString());

        StageReport report = outcome.reports().getFirst();
        assertThat(table(report, "person").changed()).isEqualTo(1);
        assertThat(table(report, "person_film_work").created()).isEqualTo(1);
        assertThat(strings("SELECT full_name FROM content.person WHERE id = '" + Fixtures.ACTOR + "'")).containsExactly("Ada Renamed");
        assertThat(strings("SELECT modified FROM content.film_work WHERE id = '" + Fixtures.SECOND_FILM + "'").getFirst())
                .isGreaterThan(secondModified);
    }

    @Test
    void badRowsAreSkippedAndReportedAndTheRestArrives() throws Exception {
        Path file = dir.resolve("bad.sqlite");
        try (PracticumFile catalog = PracticumFile.create(file)) {
            Fixtures.writeTwoFilms(catalog);
            catalog.execute("INSERT INTO film_work (id, title, type) VALUES ('7c1b4b8e-8f6e-4a4e-9a57-3f0f6f0c2a11', '  ', 'movie')");
            catalog.execute("INSERT INTO film_work (id, title, type) VALUES ('not-a-uuid', 'Broken Id', 'movie')");
            catalog.execute("INSERT INTO film_work (id, title, type, creation_date) VALUES ('1a2b3c4d-0000-4000-8000-000000000001', 'Bad Date', 'movie', '31/12/1999')");
            catalog.execute("INSERT INTO film_work (id, title, type, rating) VALUES ('1a2b3c4d-0000-4000-8000-000000000002', 'Bad Rating', 'movie', 'great')");
            catalog.execute("INSERT INTO person (id, full_name, created_at) VALUES ('1a2b3c4d-0000-4000-8000-000000000003', 'Bad Time', 'yesterday')");
            catalog.execute("INSERT INTO genre_film_work VALUES ('1a2b3c4d-0000-4000-8000-000000000004', '" + Fixtures.FIRST_FILM
                    + "', '1a2b3c4d-0000-4000-8000-00000000dead', NULL)");
            catalog.execute("INSERT INTO person_film_work VALUES ('1a2b3c4d-0000-4000-8000-000000000005', '1a2b3c4d-0000-4000-8000-00000000beef', '"
                    + Fixtures.ACTOR + "', 'actor', NULL)");
            catalog.execute("INSERT INTO person_film_work VALUES ('1a2b3c4d-0000-4000-8000-000000000006', '" + Fixtures.FIRST_FILM
                    + "', '" + Fixtures.ACTOR + "', 'stunt double', NULL)");
        }

        Outcome outcome = EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString());

        assertThat(outcome.exitCode()).as("bad rows are reported, they do not fail the run").isZero();
        StageReport report = outcome.reports().getFirst();
        assertThat(table(report, "film_work").skipped()).isEqualTo(4);
        assertThat(table(report, "film_work").examples()).anySatisfy(e -> assertThat(e).contains("title is empty"))
                .anySatisfy(e -> assertThat(e).contains("not a UUID: 'not-a-uuid'"))
                .anySatisfy(e -> assertThat(e).contains("creation_date is not a date: '31/12/1999'"))
                .anySatisfy(e -> assertThat(e).contains("rating is not a number: 'great'"));
        assertThat(table(report, "person").skipped()).isEqualTo(1);
        assertThat(table(report, "person").examples()).singleElement().asString().contains("created_at is not a timestamp");
        assertThat(table(report, "genre_film_work").skipped()).isEqualTo(1);
        assertThat(table(report, "genre_film_work").examples()).singleElement().asString().contains("genre_id", "refers to nothing");
        assertThat(table(report, "person_film_work").skipped()).isEqualTo(2);
        assertThat(table(report, "person_film_work").examples())
                .anySatisfy(e -> assertThat(e).contains("refers to no film"))
                .anySatisfy(e -> assertThat(e).contains("not one of actor, director, writer: 'stunt double'"));
        assertThat(count("SELECT count(*) FROM content.film_work")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM content.person_film_work")).isEqualTo(3);
        assertThat(String.join("\n", report.summaryLines())).contains("film_work: read 6, moved 2", "skipped 4");
    }

    @Test
    void aLinkToAFilmLoadedByAnEarlierFileIsNotDangling() throws Exception {
        EtlCli.run("sqlite-to-postgres", "--sqlite", Fixtures.twoFilms(dir).toString());
        Path onlyLinks = dir.resolve("links.sqlite");
        try (PracticumFile catalog = PracticumFile.create(onlyLinks)) {
            catalog.personLink(Fixtures.SECOND_FILM, Fixtures.DIRECTOR, "director");
        }

        Outcome outcome = EtlCli.run("sqlite-to-postgres", "--sqlite", onlyLinks.toString());

        assertThat(table(outcome.reports().getFirst(), "person_film_work").created()).isEqualTo(1);
        assertThat(table(outcome.reports().getFirst(), "person_film_work").skipped()).isZero();
    }

    @Test
    void aMissingOrForeignFileStopsTheStageWithExitCodeOne() throws Exception {
        Outcome missing = EtlCli.run("sqlite-to-postgres", "--sqlite", dir.resolve("nowhere.sqlite").toString());
        assertThat(missing.exitCode()).isEqualTo(EtlCli.STAGE_STOPPED);
        assertThat(missing.reports().getFirst().abortedBecause()).contains("no SQLite file at");

        Path foreign = dir.resolve("foreign.sqlite");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + foreign)) {
            connection.createStatement().execute("CREATE TABLE movies (id TEXT)");
        }
        Outcome notPracticum = EtlCli.run("sqlite-to-postgres", "--sqlite", foreign.toString());
        assertThat(notPracticum.exitCode()).isEqualTo(EtlCli.STAGE_STOPPED);
        assertThat(notPracticum.reports().getFirst().abortedBecause()).contains("not a Practicum-schema catalog", "film_work");
    }

    @Test
    void postgresDownIsOneClearLineAndExitCodeOne(PostgresServer postgres) throws Exception {
        Path file = Fixtures.twoFilms(dir);
        postgres.stop();
        try {
            Outcome outcome = EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString());
            assertThat(outcome.exitCode()).isEqualTo(EtlCli.STAGE_STOPPED);
            assertThat(outcome.reports()).isEmpty();
        } finally {
            postgres.start();
        }
        assertThat(EtlCli.run("sqlite-to-postgres", "--sqlite", file.toString()).exitCode()).isZero();
    }

    static TableReport table(StageReport report, String name) {
        return report.tables().stream().filter(table -> table.name().equals(name)).findFirst().orElseThrow();
    }
}
