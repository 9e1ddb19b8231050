package dev.cinema.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server process that dies with the JVM that started it, even when that JVM is killed with
 * SIGKILL: it is started through {@code setpriv --pdeathsig KILL}. The kernel sends that signal
 * when the <em>thread</em> that forked the child ends, so every child is forked from one thread
 * that lives as long as the JVM.
 */
final class ChildProcess {

    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-infra-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private ChildProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code command}, appending its output to {@code logFile}; {@link #awaitLine} completes
     * when a line matching {@code readyLine} appears.
     */
    static ChildProcess start(List<String> command, Map<String, String> environment, Path directory,
                              Path logFile, Predicate<String> readyLine) {
        return start(command, environment, directory, logFile, readyLine, null);
    }

    /**
     * The same, run as {@code uid} (and its group) when it is not null. The kernel clears the
     * parent-death signal when a process changes its user, so one setpriv does both, in that order.
     */
    static ChildProcess start(List<String> command, Map<String, String> environment, Path directory,
                              Path logFile, Predicate<String> readyLine, Integer uid) {
        List<String> full = new ArrayList<>(List.of("setpriv"));
        if (uid != null) {
            full.addAll(List.of("--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        }
        full.addAll(List.of("--pdeathsig", "KILL"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = SPAWNER.submit(builder::start).get();
            ChildProcess child = new ChildProcess(process);
            child.pumpOutput(logFile, readyLine);
            return child;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + command.getFirst(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command) + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs a short command to its end and fails with its output when it does not exit 0. */
    static void run(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        ChildProcess child = start(command, environment, directory, directory.resolve("setup.log"), line -> false);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ZERO);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + Files.readString(directory.resolve("setup.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pumpOutput(Path logFile, Predicate<String> readyLine) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    if (!ready.isDone() && readyLine.test(line)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // The process is gone; whoever waits on it learns that from the exit code.
            } finally {
                ready.completeExceptionally(new IllegalStateException("exited with code " + exitCodeOrUnknown()
                        + " before it was ready; see " + logFile));
            }
        }, "embedded-infra-output-" + logFile.getFileName());
        pump.setDaemon(true);
        pump.start();
    }

    private String exitCodeOrUnknown() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Waits for the ready line; fails at once when the process exits first. */
    void awaitLine(Duration timeout, String what) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " was not ready within " + timeout);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL for the process and everything it started once {@code grace} is over. */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
