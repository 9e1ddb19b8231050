package dev.cinema.etl.report;

import java.util.ArrayList;
import java.util.List;

/** Counts for one table or index in one stage, with the first few problems as examples; safe to share between writer threads. */
public final class TableReport {

    private static final int EXAMPLES = 5;

    private final String name;
    private long read;
    private long created;
    private long changed;
    private long unchanged;
    private long skipped;
    private long failed;
    private long busyNanos;
    private final List<String> examples = new ArrayList<>();

    public TableReport(String name) {
        this.name = name;
    }

    public synchronized void read(long rows) {
        read += rows;
    }

    public synchronized void created(long rows) {
        created += rows;
    }

    public synchronized void changed(long rows) {
        changed += rows;
    }

    /** Time spent on this table, for the tables a stage handles one after the other. */
    public synchronized void busy(long nanos) {
        busyNanos += nanos;
    }

    public synchronized void unchanged(long rows) {
        unchanged += rows;
    }

    /** A row of bad input, left out of the run. */
    public synchronized void skipped(String why) {
        skipped++;
        example("skipped " + why);
    }

    /** A good row the target refused. */
    public synchronized void failed(String why) {
        failed++;
        example("failed " + why);
    }

    private synchronized void example(String problem) {
        if (examples.size() < EXAMPLES) {
            examples.add(problem);
        }
    }

    public String name() {
        return name;
    }

    public synchronized long read() {
        return read;
    }

    public synchronized long created() {
        return created;
    }

    public synchronized long changed() {
        return changed;
    }

    public synchronized long moved() {
        return created + changed;
    }

    public synchronized long unchanged() {
        return unchanged;
    }

    public synchronized long skipped() {
        return skipped;
    }

    public synchronized long failed() {
        return failed;
    }

    public synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    @Override
    public synchronized String toString() {
        String line = "%s: read %,d, moved %,d (%,d new, %,d changed), unchanged %,d, skipped %,d, failed %,d"
                .formatted(name, read, moved(), created, changed, unchanged, skipped, failed);
        return busyNanos == 0 ? line : line + " in %.1f s".formatted(busyNanos / 1e9);
    }
}
