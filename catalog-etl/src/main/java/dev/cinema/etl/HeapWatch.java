package dev.cinema.etl;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The most heap in use at any moment of the run, sampled ten times a second (for the benchmark's memory figure). */
final class HeapWatch {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile long peak;

    HeapWatch() {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("heap-watch").daemon().factory());
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    long peakMegabytes() {
        sample();
        return peak / (1024 * 1024);
    }
}
