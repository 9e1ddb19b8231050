package dev.cinema.recsys.eval;

import dev.cinema.recsys.model.Ndcg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NDCG@K, Recall@K and HR@K of one recommender over the tested viewers (binary relevance: a
 * held-out like), and its catalog coverage: the share of the catalog that appears in anyone's top K.
 */
final class TopTen {

    static final int K = 10;

    private final String name;
    private final Set<Object> shown = new HashSet<>();
    private final Map<Long, Double> ndcgByViewer = new HashMap<>();
    private double ndcg;
    private double recall;
    private int hits;
    private int viewers;
    private int filled;

    TopTen(String name) {
        this.name = name;
    }

    /** One viewer's top list; {@code filled} when the ranking had to complete it. */
    synchronized <T> void add(long viewer, List<T> recommended, Set<T> relevant, boolean filled) {
        this.filled += filled ? 1 : 0;
        List<T> top = recommended.subList(0, Math.min(K, recommended.size()));
        int found = (int) top.stream().filter(relevant::contains).count();
        double viewerNdcg = Ndcg.at(K, top, relevant);
        ndcg += viewerNdcg;
        ndcgByViewer.put(viewer, viewerNdcg);
        recall += relevant.isEmpty() ? 0 : (double) found / relevant.size();
        hits += found > 0 ? 1 : 0;
        viewers++;
        shown.addAll(top);
    }

    /** Each scored viewer's NDCG@K, for intervals over the viewers. */
    synchronized Map<Long, Double> ndcgByViewer() {
        return Map.copyOf(ndcgByViewer);
    }

    String name() {
        return name;
    }

    int viewers() {
        return viewers;
    }

    int filled() {
        return filled;
    }

    double ndcg() {
        return viewers == 0 ? 0 : ndcg / viewers;
    }

    double recall() {
        return viewers == 0 ? 0 : recall / viewers;
    }

    double hitRate() {
        return viewers == 0 ? 0 : (double) hits / viewers;
    }

    double coverage(int catalogSize) {
        return catalogSize == 0 ? 0 : (double) shown.size() / catalogSize;
    }
}
