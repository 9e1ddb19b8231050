package dev.cinema.recsys.catalog;

import java.util.Comparator;
import java.util.List;

/** Small vector arithmetic over the films' embeddings. */
public final class Embeddings {

    private Embeddings() {
    }

    public static float[] mean(List<float[]> vectors) {
        float[] mean = new float[vectors.getFirst().length];
        for (float[] vector : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vector[i] / vectors.size();
            }
        }
        return mean;
    }

    public static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** The vector scaled to length 1 (all zeros stays all zeros): the dot of two such is their cosine. */
    public static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return unit;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    /** The film of {@code among} whose vector is nearest to {@code vector}. */
    public static CatalogFilm closest(float[] vector, List<CatalogFilm> among) {
        if (vector == null) {
            return among.isEmpty() ? null : among.getFirst();
        }
        return among.stream().filter(film -> film.embedding() != null)
                .max(Comparator.comparingDouble(film -> cosine(vector, film.embedding())))
                .orElse(null);
    }
}
