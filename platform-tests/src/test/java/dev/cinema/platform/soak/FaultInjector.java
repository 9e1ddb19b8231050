package dev.cinema.platform.soak;

import dev.cinema.platform.LocalRun;
import dev.cinema.platform.Platform;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Takes the platform's parts down at random and brings them back with {@code local_run.sh}'s own
 * stop, start and kill: a server is stopped (SIGTERM to its process group, as an operator or a
 * host's shutdown would), a service is killed (SIGKILL: a crash, the OOM killer). MongoDB is
 * always stopped, never killed: the embedded one's file store keeps about a second of writes in
 * memory, which a kill would lose whatever the service did. Every part gets its turn in each round
 * (a shuffled order), the rounds spread over the run; at most {@code concurrentFaults} servers and
 * as many services are down at once. A fault lasts from the signal until the part's start has
 * returned (it is ready).
 */
final class FaultInjector {

    static final List<String> SERVERS = List.of("postgres", "kafka", "elasticsearch", "mongo", "redis");
    /** ugc-service-2: the second ugc-service instance, when the platform runs two ({@code UGC_INSTANCES=2}). */
    static final List<String> SERVICES = List.of("auth-service", "ugc-service", "ugc-service-2", "async-api", "recsys-service");
    private static final Duration RESTART_WITHIN = Duration.ofMinutes(10);
    private static final Duration BETWEEN_START_ATTEMPTS = Duration.ofSeconds(5);
    /** A part comes back from the jars that ran, never rebuilt mid-run from sources edited meanwhile. */
    static final Map<String, String> AS_BUILT = Map.of("LOCAL_RUN_BUILD", "never");

    enum Action { STOPPED, KILLED }

    /** @param startAttempts how many starts it took to bring the part back (another part it needs may have been down) */
    record Fault(String part, Action action, Instant start, Instant end, int startAttempts, String note) {

        boolean overlaps(Instant from, Instant to, Duration grace) {
            return !from.isAfter(end.plus(grace)) && !to.isBefore(start);
        }

        Duration length() {
            return Duration.between(start, end);
        }
    }

    private final SoakSettings settings;
    private final Random random;
    private final Consumer<String> log;
    private final List<String> parts;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Semaphore serverSlots;
    private final Semaphore serviceSlots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Thread scheduler;

    FaultInjector(SoakSettings settings, Random random, Consumer<String> log) {
        this.settings = settings;
        this.random = random;
        this.log = log;
        this.serverSlots = new Semaphore(settings.concurrentFaults());
        this.serviceSlots = new Semaphore(settings.concurrentFaults());
        List<String> present = new ArrayList<>();
        for (String part : concat(SERVERS, SERVICES)) {
            // a server the platform was pointed at (POSTGRES_URL, ...) is not ours to stop: it has no PID file
            if (Files.exists(Platform.LOCAL.resolve("run/" + part + ".pid"))) {
                present.add(part);
            } else {
                log.accept("not faulted: " + part + " (no PID file under " + Platform.LOCAL.resolve("run") + ": not started by local_run.sh)");
            }
        }
        this.parts = List.copyOf(present);
    }

    List<String> parts() {
        return parts;
    }

    /** Injects faults in the background until {@code until}; no fault starts after {@code until} minus the longest hold. */
    void start(Instant from, Instant until) {
        scheduler = Thread.ofPlatform().name("soak-faults").daemon().start(() -> schedule(from, until));
    }

    /** Waits for the scheduler and every fault under way to end: every part is started again. */
    void awaitEnd() {
        if (scheduler != null) {
            try {
                scheduler.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        workers.close();
    }

    List<Fault> faults() {
        return faults.stream().sorted((a, b) -> a.start().compareTo(b.start())).toList();
    }


    private void schedule(Instant from, Instant until) {
        park(Duration.between(Instant.now(), from));
        Instant lastStart = until.minus(settings.holdMax());
        long mean = Math.max(1_000, Duration.between(from, lastStart).toMillis() / Math.max(1, parts.size()));
        List<String> round = new ArrayList<>();
        while (Instant.now().isBefore(lastStart)) {
            if (round.isEmpty()) {
                round.addAll(parts);
                Collections.shuffle(round, random);
            }
            String part = nextWithFreeSlot(round, lastStart);
            if (part == null) {
                break;
            }
            round.remove(part);
            Duration hold = settings.holdMin().plusMillis((long) (random.nextDouble() * settings.holdMax().minus(settings.holdMin()).toMillis()));
            workers.execute(() -> {
                try {
                    inject(part, hold);
                } finally {
                    slots(part).release();
                }
            });
            // the next fault after half to one and a half times the mean gap, so that one round fits the run
            park(Duration.ofMillis(mean / 2 + (long) (random.nextDouble() * mean)));
        }
    }

    /**
     * The first part of the round whose kind (server, service) has a free slot, its slot taken;
     * waits for one, and gives up (null) at {@code lastStart}. A service's restart takes far longer
     * than a server's, so servers are not kept waiting behind services, nor the other way round.
     */
    private String nextWithFreeSlot(List<String> round, Instant lastStart) {
        while (Instant.now().isBefore(lastStart)) {
            for (String part : round) {
                if (slots(part).tryAcquire()) {
                    return part;
                }
            }
            park(Duration.ofMillis(200));
        }
        return null;
    }

    private Semaphore slots(String part) {
        return SERVICES.contains(part) ? serviceSlots : serverSlots;
    }

    private void inject(String part, Duration hold) {
        Action action = SERVICES.contains(part) ? Action.KILLED : Action.STOPPED;
        Instant start = Instant.now();
        String note = "";
        try {
            if (action == Action.KILLED) {
                LocalRun.kill(part);
            } else {
                LocalRun.stop(part);
            }
        } catch (RuntimeException failed) {
            note = "signal failed: " + firstLine(failed);
        }
        log.accept(part + " " + action.name().toLowerCase() + ", back in about " + hold.toSeconds() + " s");
        park(hold);
        int attempts = 0;
        Instant giveUp = Instant.now().plus(RESTART_WITHIN);
        while (true) {
            attempts++;
            try {
                LocalRun.start(part, AS_BUILT);
                break;
            } catch (RuntimeException failed) {
                note = (note.isEmpty() ? "" : note + "; ") + "start " + attempts + " failed: " + firstLine(failed);
                log.accept(part + ": start " + attempts + " failed (" + firstLine(failed) + "); trying again");
                if (Instant.now().isAfter(giveUp)) {
                    note += "; gave up after " + RESTART_WITHIN;
                    break;
                }
                park(BETWEEN_START_ATTEMPTS);
            }
        }
        Fault fault = new Fault(part, action, start, Instant.now(), attempts, note);
        faults.add(fault);
        log.accept(part + " back after " + fault.length().toSeconds() + " s" + (attempts > 1 ? " (" + attempts + " starts)" : ""));
    }

    private static String firstLine(RuntimeException failed) {
        String message = String.valueOf(failed.getMessage());
        String[] lines = message.split("\n");
        // local_run.sh's last line says what failed; the first says which command
        return lines.length > 1 ? lines[0] + " / " + lines[lines.length - 1] : message;
    }

    private static void park(Duration duration) {
        if (!duration.isNegative()) {
            LockSupport.parkNanos(duration.toNanos());
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
