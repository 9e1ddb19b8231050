package dev.cinema.etl.sqlite;

import dev.cinema.etl.report.Progress;
import dev.cinema.etl.report.TableReport;
import dev.cinema.etl.sqlite.PracticumReader.RowHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Collects the good rows of one table into batches and writes them on the writer threads, a few
 * batches at a time, while the reader goes on; the bad rows are reported as skipped. {@link #end()}
 * returns once every batch is written, so the next table starts on complete data.
 */
final class Batches<T> implements RowHandler<T> {

    private final int batchSize;
    private final Executor writers;
    private final Semaphore inFlight;
    private final TableReport table;
    private final Progress progress;
    private final UnaryOperator<List<T>> write;
    private final Consumer<List<T>> written;
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final long started = System.nanoTime();
    private List<T> batch;

    /**
     * @param write   writes a batch and returns the rows the target accepted
     * @param written called with those rows, on a writer thread
     */
    Batches(int batchSize, Executor writers, int maxInFlight, TableReport table, Progress progress,
            UnaryOperator<List<T>> write, Consumer<List<T>> written) {
        this.batchSize = batchSize;
        this.writers = writers;
        this.inFlight = new Semaphore(maxInFlight);
        this.table = table;
        this.progress = progress;
        this.write = write;
        this.written = written;
        this.batch = new ArrayList<>(batchSize);
    }

    @Override
    public void good(T row) {
        batch.add(row);
        if (batch.size() == batchSize) {
            submit();
        }
    }

    @Override
    public void bad(String rowId, String reason) {
        table.read(1);
        table.skipped("id " + rowId + ": " + reason);
        progress.advance(1);
    }

    @Override
    public void end() {
        if (!batch.isEmpty()) {
            submit();
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        table.busy(System.nanoTime() - started);
    }

    private void submit() {
        List<T> rows = batch;
        batch = new ArrayList<>(batchSize);
        pending.removeIf(future -> {
            if (future.isCompletedExceptionally()) {
                future.join();
            }
            return future.isDone();
        });
        inFlight.acquireUninterruptibly();
        pending.add(CompletableFuture.runAsync(() -> {
            try {
                table.read(rows.size());
                written.accept(write.apply(rows));
                progress.advance(rows.size());
            } finally {
                inFlight.release();
            }
        }, writers));
    }
}
