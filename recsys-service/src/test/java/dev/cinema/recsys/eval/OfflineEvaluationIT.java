package dev.cinema.recsys.eval;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The offline evaluation, with the collaborative model trained by recsys-training's jar, on the real
 * MovieLens "latest small" set from ../shared/data, read in place (skipped where it is absent), and
 * on a synthetic set the test writes ({@link SyntheticMovieLens}: overlapping taste clusters, a
 * popularity skew, noise): on each the served recommender must beat both the ranking and like-count
 * popularity on NDCG@10, each beyond the 95% interval of the ratio.
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): one of the slowest cases
@EmbeddedServers({ServerKind.POSTGRES, ServerKind.ELASTICSEARCH})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "recsys.model.training-jar=${training.jar:}")
@ActiveProfiles("eval")
class OfflineEvaluationIT {

    private static final Path MOVIELENS = Path.of(System.getProperty("cinema.shared.data", "../../shared/data"), "movielens-latest-small");

    @Autowired
    OfflineEvaluation evaluation;

    @BeforeAll
    static void theTrainingJobIsBuilt() {
        // recsys-training is built before this module in the reactor; alone (-pl recsys-service) it may be missing
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("training.jar", ""))), "the training job's jar is not built");
    }

    @Test
    void onMovieLensTheServedRecommenderBeatsTheRankingAndLikeCountPopularityBeyondTheirIntervals() throws Exception {
        assumeTrue(Files.isRegularFile(MOVIELENS.resolve("ratings.csv")), MOVIELENS + " is absent");
        assertTheServedRecommenderWins(evaluation.run(MOVIELENS));
    }

    @Test
    void onASyntheticSetTheServedRecommenderBeatsTheRankingAndLikeCountPopularityBeyondTheirIntervals() throws Exception {
        Path dir = SyntheticMovieLens.write(Path.of("target", "synthetic-movielens"), 1_500, 1_000, 7);
        assertTheServedRecommenderWins(evaluation.run(dir));
    }

    private static void assertTheServedRecommenderWins(OfflineEvaluation.Report report) {
        System.out.print(report.table());

        OfflineEvaluation.Report.Row ranking = report.row("ranking (baseline)");
        OfflineEvaluation.Report.Row builtIn = report.row("built-in");
        assertThat(report.viewers()).as("viewers with at least two likes").isGreaterThan(500);
        assertThat(ranking.viewers()).isEqualTo(report.viewers());
        assertThat(builtIn.viewers()).isEqualTo(report.viewers());
        assertThat(report.row("like-count popularity").viewers()).isEqualTo(report.viewers());
        assertThat(ranking.toRanking().ratio()).as("the ranking against itself").isEqualTo(1.0);
        assertThat(builtIn.toRanking().low()).isLessThanOrEqualTo(builtIn.toRanking().ratio());
        assertThat(builtIn.toRanking().high()).isGreaterThanOrEqualTo(builtIn.toRanking().ratio());
        assertThat(report.row("collaborative model").viewers()).as("the model trained and served").isEqualTo(report.viewers());
        assertThat(report.row("content similarity").viewers()).isEqualTo(report.viewers());
        assertThat(ranking.toPopularity().high()).as("the ranking is not below like-count popularity beyond its interval").isGreaterThanOrEqualTo(1.0);
        assertThat(builtIn.toRanking().low()).as("built-in NDCG@10 over the ranking's, lower bound").isGreaterThan(1.0);
        assertThat(builtIn.toPopularity().low()).as("built-in NDCG@10 over like-count popularity's, lower bound").isGreaterThan(1.0);
        assertThat(builtIn.coverage()).as("the built-in recommender shows more of the catalog").isGreaterThan(ranking.coverage());
    }
}
