package dev.cinema.etl.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one stage did: a report per table, how long it took, and whether it got to the end. */
public final class StageReport {

    private final String stage;
    private final Map<String, TableReport> tables = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private Duration elapsed;
    private String abortedBecause;

    public StageReport(String stage) {
        this.stage = stage;
    }

    public TableReport table(String name) {
        return tables.computeIfAbsent(name, TableReport::new);
    }

    public void finished() {
        elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public void aborted(String because) {
        abortedBecause = because;
        finished();
    }

    public String stage() {
        return stage;
    }

    public boolean completed() {
        return elapsed != null && abortedBecause == null;
    }

    public String abortedBecause() {
        return abortedBecause;
    }

    public Duration elapsed() {
        return elapsed == null ? Duration.ofNanos(System.nanoTime() - startedNanos) : elapsed;
    }

    public List<TableReport> tables() {
        return List.copyOf(tables.values());
    }

    public long moved() {
        return tables.values().stream().mapToLong(TableReport::moved).sum();
    }

    public long failed() {
        return tables.values().stream().mapToLong(TableReport::failed).sum();
    }

    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        String outcome = abortedBecause == null ? "finished" : "STOPPED: " + abortedBecause;
        lines.add("%s %s in %.1f s".formatted(stage, outcome, elapsed().toMillis() / 1000.0));
        for (TableReport table : tables.values()) {
            lines.add("  " + table);
            table.examples().forEach(example -> lines.add("    " + example));
        }
        return lines;
    }
}
