package dev.cinema.recsys.model;

import java.util.PriorityQueue;

/** The {@code limit} highest scores of a stream of (index, score), kept in a small heap; ties go to the lower index. */
final class TopScores {

    private record Entry(int index, double score) {
    }

    private final int limit;
    /** The worst kept entry on top. */
    private final PriorityQueue<Entry> kept = new PriorityQueue<>((a, b) -> a.score != b.score ? Double.compare(a.score, b.score)
            : Integer.compare(b.index, a.index));

    TopScores(int limit) {
        this.limit = limit;
    }

    void offer(int index, double score) {
        if (kept.size() < limit) {
            kept.add(new Entry(index, score));
        } else {
            Entry worst = kept.peek();
            if (score > worst.score || score == worst.score && index < worst.index) {
                kept.poll();
                kept.add(new Entry(index, score));
            }
        }
    }

    int[] indexesBestFirst() {
        int[] best = new int[kept.size()];
        for (int i = best.length - 1; i >= 0; i--) {
            best[i] = kept.poll().index;
        }
        return best;
    }
}
