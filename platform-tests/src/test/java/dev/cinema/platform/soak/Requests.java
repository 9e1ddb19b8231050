package dev.cinema.platform.soak;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Every answer counted by endpoint and status; the 5xx kept whole, for the check of when they came. */
final class Requests {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Queue<Answer> serverErrors = new ConcurrentLinkedQueue<>();
    private final LongAdder total = new LongAdder();

    void record(Answer answer) {
        counts.computeIfAbsent(answer.endpoint(), endpoint -> new ConcurrentHashMap<>())
                .computeIfAbsent(answer.label(), label -> new LongAdder()).increment();
        total.increment();
        if (answer.serverError()) {
            serverErrors.add(answer);
        }
    }

    long total() {
        return total.sum();
    }

    List<Answer> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** endpoint → status → count, sorted. */
    Map<String, Map<String, Long>> table() {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        counts.forEach((endpoint, statuses) -> {
            Map<String, Long> row = new TreeMap<>();
            statuses.forEach((status, count) -> row.put(status, count.sum()));
            table.put(endpoint, row);
        });
        return table;
    }
}
