package dev.cinema.recsys.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The film side of an implicit-feedback matrix factorisation (Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets", 2008, as Spark MLlib's ALS trains it), and the viewer
 * side computed from a viewer's likes and dislikes whenever they are asked for ({@link #foldIn}): a
 * like made after the training counts at once, and no viewer's vector has to be stored.
 *
 * <p>A like is a preference of 1 with confidence {@code 1 + alpha}, a dislike a preference of 0 with
 * the same confidence, every other film a preference of 0 with confidence 1; the regularisation is
 * {@code regularization} times the number of likes, as in Spark's solver. Given the films' factors
 * Y, the viewer's vector is the exact least-squares answer Spark's last half-iteration would give:
 * {@code (YᵀY + Σ alpha·y·yᵀ + λ·likes·I) x = Σ (1 + alpha)·y} over the viewer's verdicts.
 */
public final class FilmFactors implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final int rank;
    private final double regularization;
    private final double alpha;
    private final UUID[] films;
    private final Map<UUID, Integer> index;
    /** Film {@code i}'s factors are {@code factors[i * rank .. (i + 1) * rank)}. */
    private final float[] factors;
    /** YᵀY, the part of every viewer's normal equations that every film contributes to. */
    private final double[] gramian;

    private FilmFactors(int rank, double regularization, double alpha, UUID[] films, float[] factors) {
        this.rank = rank;
        this.regularization = regularization;
        this.alpha = alpha;
        this.films = films;
        this.factors = factors;
        this.index = new HashMap<>(films.length * 2);
        for (int i = 0; i < films.length; i++) {
            if (index.put(films[i], i) != null) {
                throw new IllegalArgumentException("film " + films[i] + " has two rows of factors");
            }
        }
        this.gramian = new double[rank * rank];
        for (int i = 0; i < films.length; i++) {
            addOuter(gramian, i, 1);
        }
    }

    /**
     * @param factors each film's factors, in the order of {@code films}, each of length {@code rank}
     */
    public static FilmFactors of(int rank, double regularization, double alpha, List<UUID> films, List<float[]> factors) {
        if (rank < 1 || regularization <= 0 || alpha < 0) {
            throw new IllegalArgumentException("rank %d, regularization %s, alpha %s".formatted(rank, regularization, alpha));
        }
        if (films.size() != factors.size()) {
            throw new IllegalArgumentException(films.size() + " films but " + factors.size() + " rows of factors");
        }
        float[] flat = new float[films.size() * rank];
        for (int i = 0; i < factors.size(); i++) {
            float[] row = factors.get(i);
            if (row.length != rank) {
                throw new IllegalArgumentException("film " + films.get(i) + " has " + row.length + " factors, not " + rank);
            }
            for (float value : row) {
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("film " + films.get(i) + " has a factor that is not a number");
                }
            }
            System.arraycopy(row, 0, flat, i * rank, rank);
        }
        return new FilmFactors(rank, regularization, alpha, films.toArray(UUID[]::new), flat);
    }

    public int rank() {
        return rank;
    }

    public int films() {
        return films.length;
    }

    public boolean knows(UUID film) {
        return index.containsKey(film);
    }

    /** The viewer's vector from their likes and dislikes; films the model does not know are left out. */
    public Viewer foldIn(Collection<UUID> liked, Collection<UUID> disliked) {
        int[] likes = indexes(liked);
        int[] dislikes = indexes(disliked);
        double[] normal = gramian.clone();
        double[] right = new double[rank];
        for (int film : likes) {
            addOuter(normal, film, alpha);
            for (int k = 0; k < rank; k++) {
                right[k] += (1 + alpha) * factors[film * rank + k];
            }
        }
        for (int film : dislikes) {
            addOuter(normal, film, alpha);
        }
        // Spark regularises by the number of positive verdicts; a viewer with none gets no vector at all
        double lambda = regularization * likes.length;
        for (int k = 0; k < rank; k++) {
            normal[k * rank + k] += lambda;
        }
        return likes.length == 0 ? new Viewer(likes, null, null) : new Viewer(likes, Cholesky.of(normal, rank), right);
    }

    private int[] indexes(Collection<UUID> ids) {
        return ids.stream().map(index::get).filter(Objects::nonNull).distinct().mapToInt(Integer::intValue).toArray();
    }

    private void addOuter(double[] matrix, int film, double weight) {
        int offset = film * rank;
        for (int a = 0; a < rank; a++) {
            double scaled = weight * factors[offset + a];
            for (int b = 0; b < rank; b++) {
                matrix[a * rank + b] += scaled * factors[offset + b];
            }
        }
    }

    private double dot(double[] vector, int film) {
        double sum = 0;
        int offset = film * rank;
        for (int k = 0; k < rank; k++) {
            sum += vector[k] * factors[offset + k];
        }
        return sum;
    }

    /** A film and its predicted preference. */
    public record Scored(UUID film, double score) {
    }

    /** One viewer as the model sees them now. */
    public final class Viewer {

        private final int[] likes;
        /** null when the viewer has no like the model knows */
        private final Cholesky normal;
        private final double[] vector;

        private Viewer(int[] likes, Cholesky normal, double[] right) {
            this.likes = likes;
            this.normal = normal;
            this.vector = normal == null ? new double[rank] : normal.solve(right);
        }

        /** No like the model knows: it has nothing to say about this viewer. */
        public boolean isEmpty() {
            return likes.length == 0;
        }

        public double[] vector() {
            return vector.clone();
        }

        public double score(UUID film) {
            Integer i = index.get(film);
            return i == null ? 0 : dot(vector, i);
        }

        /** The {@code limit} films with the highest predicted preference, none of {@code excluded}. */
        public List<Scored> top(int limit, Collection<UUID> excluded) {
            if (isEmpty() || limit <= 0) {
                return List.of();
            }
            TopScores best = new TopScores(limit);
            Set<Integer> skipped = new HashSet<>();
            excluded.forEach(film -> {
                Integer i = index.get(film);
                if (i != null) {
                    skipped.add(i);
                }
            });
            for (int i = 0; i < films.length; i++) {
                if (!skipped.contains(i)) {
                    best.offer(i, dot(vector, i));
                }
            }
            return Arrays.stream(best.indexesBestFirst()).mapToObj(i -> new Scored(films[i], dot(vector, i))).toList();
        }

        /**
         * The liked film that contributes most to this film's score. The score is linear in the
         * likes' terms of the right-hand side, {@code score = Σ (1 + alpha) yᵀ W y_liked} with
         * {@code W} the inverse of the viewer's normal matrix (Hu, Koren and Volinsky, §5), so each
         * like's share is exact; {@code null} when the model knows neither.
         */
        public UUID because(UUID film) {
            Integer target = index.get(film);
            if (target == null || isEmpty()) {
                return null;
            }
            double[] y = new double[rank];
            for (int k = 0; k < rank; k++) {
                y[k] = factors[target * rank + k];
            }
            double[] weighted = normal.solve(y);
            int best = -1;
            double most = Double.NEGATIVE_INFINITY;
            for (int liked : likes) {
                double share = dot(weighted, liked);
                if (best < 0 || share > most || share == most && films[liked].compareTo(films[best]) < 0) {
                    most = share;
                    best = liked;
                }
            }
            return films[best];
        }
    }
}
