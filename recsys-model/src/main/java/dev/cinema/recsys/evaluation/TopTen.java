package dev.cinema.recsys.evaluation;

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
public final class TopTen {

    public static final int K = 10;

    private final String name;
    private final Set<Object> shown = new HashSet<>();
    private final Map<Long, Double> ndcgByViewer = new HashMap<>();
    private double ndcg;
    private double recall;
    private int hits;
    private int viewers;
    private int filled;

    public TopTen(String name) {
        this.name = name;
    }

    /** One viewer's top list; {@code filled} when the ranking had to complete it. */
    public synchronized <T> void add(long viewer, List<T> recommended, Set<T> relevant, boolean filled) {
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
    public synchronized Map<Long, Double> ndcgByViewer() {
        return Map.copyOf(ndcgByViewer);
    }

    public String name() {
        return name;
    }

    public int viewers() {
        return viewers;
    }

    public int filled() {
        return filled;
    }

    public double ndcg() {
        return viewers == 0 ? 0 : ndcg / viewers;
    }

    public double recall() {
        return viewers == 0 ? 0 : recall / viewers;
    }

    public double hitRate() {
        return viewers == 0 ? 0 : (double) hits / viewers;
    }

    public double coverage(int catalogSize) {
        return catalogSize == 0 ? 0 : (double) shown.size() / catalogSize;
    }
}
