package dev.cinema.etl.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows how far a stage got: a redrawn bar with counts, rate and ETA on a terminal, otherwise
 * one log line every few seconds (so a log file or CI output is not flooded).
 */
public final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final boolean TERMINAL = isTerminal();
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final long total;
    private final long logEveryNanos;
    private final long startedNanos = System.nanoTime();
    private final PrintStream out = System.out;
    private long done;
    private long shownNanos;

    private Progress(String label, long total, Duration logEvery) {
        this.label = label;
        this.total = total;
        this.logEveryNanos = logEvery.toNanos();
        this.shownNanos = startedNanos;
    }

    /** A progress display for {@code total} items; pass 0 when the total is unknown. */
    public static Progress start(String label, long total, Duration logEvery) {
        return new Progress(label, total, logEvery);
    }

    public synchronized void advance(long items) {
        done += items;
        long now = System.nanoTime();
        if (TERMINAL && now - shownNanos >= REDRAW_NANOS) {
            shownNanos = now;
            out.print("\r" + line(now) + "   ");
            out.flush();
        } else if (!TERMINAL && now - shownNanos >= logEveryNanos) {
            shownNanos = now;
            log.info(line(now));
        }
    }

    public synchronized void finish() {
        long now = System.nanoTime();
        if (TERMINAL) {
            out.print("\r" + line(now) + "   \n");
            out.flush();
        } else if (done > 0) {
            log.info(line(now));
        }
    }

    private String line(long now) {
        double seconds = Math.max(1e-9, (now - startedNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder text = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            text.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            text.append("%,d/%,d".formatted(done, total));
        } else {
            text.append("%,d".formatted(done));
        }
        text.append("  %,.0f/s".formatted(rate));
        if (total > 0 && done < total && rate > 0) {
            long eta = (long) ((total - done) / rate);
            text.append("  ETA %d:%02d".formatted(eta / 60, eta % 60));
        } else {
            text.append("  %.1f s".formatted(seconds));
        }
        return text.toString();
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from Java 22, where System.console() is no longer null when redirected.
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException notJava22) {
            return true;
        }
    }
}
