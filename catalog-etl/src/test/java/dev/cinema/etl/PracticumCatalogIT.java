package dev.cinema.etl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cinema.etl.EtlCli.Outcome;
import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cinema.etl.CatalogStore.count;
import static dev.cinema.etl.CatalogStore.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real Practicum catalog from ../shared/data, read in place; skipped where it is absent. */
@EmbeddedServers({ServerKind.POSTGRES, ServerKind.ELASTICSEARCH})
class PracticumCatalogIT {

    private Path practicum;

    @BeforeEach
    void findTheCatalog() throws Exception {
        practicum = Path.of(System.getProperty("cinema.shared.data", "../../shared/data"), "practicum", "db.sqlite");
        assumeTrue(Files.isRegularFile(practicum), "no Practicum catalog at " + practicum);
        CatalogStore.reset();
    }

    @Test
    void theWholeCatalogArrivesInPostgresAndElasticsearchAndAMistypedTitleFindsIt() throws Exception {
        Outcome outcome = EtlCli.run("run", "--sqlite", practicum.toString(), "--embeddings=on");

        assertThat(outcome.exitCode()).isZero();
        assertThat(count("SELECT count(*) FROM content.film_work")).isEqualTo(999);
        assertThat(count("SELECT count(*) FROM content.genre")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM content.person")).isEqualTo(4_166);
        assertThat(documents("movies")).isEqualTo(999);
        assertThat(documents("genres")).isEqualTo(26);
        assertThat(documents("persons")).isEqualTo(4_166);
        JsonNode hits = CatalogStore.search("movies", """
                {"query": {"match": {"title": {"query": "Star Wors", "fuzziness": "AUTO"}}}, "size": 10, "_source": ["title"]}
                """);
        assertThat(hits.findValuesAsText("title")).hasSize(10).allSatisfy(title -> assertThat(title).contains("Star Wars"));
    }
}
