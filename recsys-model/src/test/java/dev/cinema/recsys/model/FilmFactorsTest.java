package dev.cinema.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class FilmFactorsTest {

    private static final double REGULARIZATION = 0.1;
    private static final double ALPHA = 10;

    /** Films 0–4 lie along the first axis ("drama"), 5–9 along the second ("comedy"), with a little noise. */
    private final List<UUID> films = new ArrayList<>();
    private final List<float[]> factors = new ArrayList<>();
    private final FilmFactors model;

    FilmFactorsTest() {
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            films.add(new UUID(0, i));
            float noise = (float) (0.05 * random.nextGaussian());
            factors.add(i < 5 ? new float[]{1 + noise, noise, 0.1f} : new float[]{noise, 1 + noise, 0.1f});
        }
        model = FilmFactors.of(3, REGULARIZATION, ALPHA, films, factors);
    }

    @Test
    void theViewersVectorMinimisesTheWeightedSquaredErrorOverEveryFilm() {
        List<UUID> liked = List.of(films.get(0), films.get(1), films.get(6));
        List<UUID> disliked = List.of(films.get(7));
        double[] vector = model.foldIn(liked, disliked).vector();
        double best = loss(vector, liked, disliked);
        for (int k = 0; k < 3; k++) {
            for (double step : new double[]{-1e-3, 1e-3}) {
                double[] moved = vector.clone();
                moved[k] += step;
                assertThat(loss(moved, liked, disliked)).as("moved along %d by %s", k, step).isGreaterThan(best);
            }
        }
    }

    /** The implicit-feedback objective written out: confidence-weighted errors plus λ·likes·|x|². */
    private double loss(double[] x, List<UUID> liked, List<UUID> disliked) {
        double sum = 0;
        for (int i = 0; i < films.size(); i++) {
            double predicted = 0;
            for (int k = 0; k < 3; k++) {
                predicted += x[k] * factors.get(i)[k];
            }
            boolean likes = liked.contains(films.get(i));
            double confidence = likes || disliked.contains(films.get(i)) ? 1 + ALPHA : 1;
            double preference = likes ? 1 : 0;
            sum += confidence * (preference - predicted) * (preference - predicted);
        }
        double norm = 0;
        for (double value : x) {
            norm += value * value;
        }
        return sum + REGULARIZATION * liked.size() * norm;
    }

    @Test
    void aViewerWhoLikedDramasIsRecommendedTheOtherDramasFirst() {
        List<FilmFactors.Scored> top = model.foldIn(List.of(films.get(0), films.get(1)), List.of()).top(3, Set.of(films.get(0), films.get(1)));

        assertThat(top).extracting(FilmFactors.Scored::film).containsExactlyInAnyOrder(films.get(2), films.get(3), films.get(4));
        assertThat(top).extracting(FilmFactors.Scored::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aDislikePushesTheFilmsLikeItDown() {
        List<UUID> liked = List.of(films.get(0), films.get(5));
        double before = model.foldIn(liked, List.of()).score(films.get(8));
        double after = model.foldIn(liked, List.of(films.get(9))).score(films.get(8));

        assertThat(after).isLessThan(before);
    }

    @Test
    void theReasonIsTheLikedFilmNearestInTaste() {
        FilmFactors.Viewer viewer = model.foldIn(List.of(films.get(0), films.get(5)), List.of());

        assertThat(viewer.because(films.get(3))).isEqualTo(films.get(0));
        assertThat(viewer.because(films.get(8))).isEqualTo(films.get(5));
        assertThat(viewer.because(UUID.randomUUID())).isNull();
    }

    @Test
    void filmsTheModelDoesNotKnowAreLeftOutAndAViewerWithoutKnownLikesGetsNothing() {
        FilmFactors.Viewer stranger = model.foldIn(List.of(UUID.randomUUID()), List.of(films.get(0)));

        assertThat(stranger.isEmpty()).isTrue();
        assertThat(stranger.top(5, Set.of())).isEmpty();
        assertThat(model.foldIn(List.of(films.get(0), UUID.randomUUID()), List.of()).vector())
                .containsExactly(model.foldIn(List.of(films.get(0)), List.of()).vector(), offset(1e-12));
    }

    @Test
    void aBrokenModelIsRefused() {
        assertThatThrownBy(() -> FilmFactors.of(3, REGULARIZATION, ALPHA, films, factors.subList(0, 9)))
                .hasMessageContaining("10 films but 9 rows");
        List<float[]> withNaN = new ArrayList<>(factors);
        withNaN.set(4, new float[]{Float.NaN, 0, 0});
        assertThatThrownBy(() -> FilmFactors.of(3, REGULARIZATION, ALPHA, films, withNaN)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> FilmFactors.of(3, REGULARIZATION, ALPHA, List.of(films.get(0), films.get(0)),
                List.of(factors.get(0), factors.get(1)))).hasMessageContaining("two rows");
    }
}
