package dev.cinema.recsys.eval;

import dev.cinema.recsys.evaluation.MovieLens.Rating;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ItemKnnTest {

    /** Two tastes: viewers 0..49 like films 1..10, viewers 50..99 films 11..20, each a random 6 of their ten, in a random order. */
    private static List<Rating> twoTastes() {
        Random random = new Random(3);
        List<Rating> ratings = new ArrayList<>();
        for (long viewer = 0; viewer < 100; viewer++) {
            long first = viewer < 50 ? 1 : 11;
            for (long film = first; film < first + 10; film++) {
                if (random.nextInt(10) < 6) {
                    ratings.add(new Rating(viewer, film, 5.0, random.nextInt(1_000_000)));
                }
            }
        }
        return ratings;
    }

    @Test
    void aViewerGetsTheFilmsLikedByThoseWhoLikeWhatTheyLikeAndNothingTheyKnow() {
        List<Rating> ratings = new ArrayList<>(twoTastes());
        ratings.add(new Rating(1000, 1, 5.0, 1));
        ratings.add(new Rating(1000, 2, 5.0, 2));
        ratings.add(new Rating(1000, 3, 1.0, 3)); // a dislike: known, never recommended

        List<Long> top = ItemKnn.fit(ratings, 50).recommend(1000);

        assertThat(top).isNotEmpty().allMatch(film -> film >= 4 && film <= 10);
    }

    @Test
    void theNeighbourhoodSizeIsChosenOnTheValidationSplitAmongTheSizesTried() {
        ItemKnn.Tuned tuned = ItemKnn.tuned(twoTastes(), 0.2);

        assertThat(tuned.validationNdcg()).containsOnlyKeys(ItemKnn.NEIGHBOURS);
        assertThat(tuned.validationNdcg().get(tuned.neighbours()))
                .isEqualTo(tuned.validationNdcg().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertThat(tuned.validationNdcg().values()).as("a taste this clear is found").allMatch(ndcg -> ndcg > 0.3);
    }
}
