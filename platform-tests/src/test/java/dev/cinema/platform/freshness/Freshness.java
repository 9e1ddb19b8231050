package dev.cinema.platform.freshness;

import dev.cinema.platform.replay.PlatformClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a like takes to change the viewer's recommendations, through nginx as a browser sees it:
 * a new viewer likes three films of the catalog and waits until recsys-service has refreshed them
 * (their list non-empty and unchanged for {@link #SETTLED}); then likes the first film of that list,
 * and asks for the list every {@link #POLL} until it differs. The time from sending the like to the
 * first changed list is the viewer's figure; a list unchanged after {@link #PATIENCE} counts as that
 * and is reported apart. Each run has its own new viewers, {@code freshness.concurrency} at a time;
 * each run's p50, p95 and max are printed, then the medians over the runs.
 *
 * <p>{@code Freshness VIEWERS RUNS}, with {@code -Dcinema.url} the platform's nginx. Run by
 * {@code recsys-service/bench/freshness.sh}.
 */
public final class Freshness {

    /** Longer than recsys-service's refresh delay (2 s by default, 5 s measured too) and a refresh poll after it. */
    private static final Duration SETTLED = Duration.ofSeconds(Long.getLong("freshness.settled-seconds", 8));
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CONCURRENCY = Integer.getInteger("freshness.concurrency", 8);

    private final PlatformClient platform = new PlatformClient(URI.create(System.getProperty("cinema.url", "http://127.0.0.1:8080")));
    private final List<UUID> catalog;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private Freshness() {
        catalog = platform.feed(null, 100);
        if (catalog.size() < 10) {
            throw new IllegalStateException("the catalog has " + catalog.size() + " films; the ETL has not run?");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Freshness VIEWERS RUNS");
            System.exit(2);
        }
        int viewers = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Freshness freshness = new Freshness();
        List<Double> p50s = new ArrayList<>();
        List<Double> p95s = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            List<Duration> times = freshness.run(i, viewers);
            List<Double> seconds = times.stream().map(time -> time.toMillis() / 1000.0).sorted().toList();
            long unchanged = times.stream().filter(time -> time.compareTo(PATIENCE) >= 0).count();
            p50s.add(percentile(seconds, 0.50));
            p95s.add(percentile(seconds, 0.95));
            System.out.printf(Locale.ROOT, "run %d: %d viewers, like -> changed recommendations p50 %.2f s, p95 %.2f s, max %.2f s%s%n",
                    i, seconds.size(), p50s.getLast(), p95s.getLast(), seconds.getLast(),
                    unchanged == 0 ? "" : " (" + unchanged + " unchanged after " + PATIENCE.toSeconds() + " s)");
        }
        System.out.printf(Locale.ROOT, "median of %d runs: p50 %.2f s, p95 %.2f s%n", runs, median(p50s), median(p95s));
    }

    private List<Duration> run(int number, int viewers) throws Exception {
        List<Future<Duration>> times = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            for (int i = 0; i < viewers; i++) {
                String login = "freshness-" + run + "-" + number + "-" + i;
                Random random = new Random(31L * number + i);
                times.add(pool.submit(() -> likeToChange(login, random)));
            }
        }
        List<Duration> result = new ArrayList<>();
        for (Future<Duration> time : times) {
            result.add(time.get());
        }
        return result;
    }

    /** One new viewer's figure. */
    private Duration likeToChange(String login, Random random) {
        String token = platform.signIn(login, "freshness-" + login);
        List<UUID> shuffled = new ArrayList<>(catalog);
        Collections.shuffle(shuffled, random);
        for (UUID film : shuffled.subList(0, 3)) {
            platform.react(token, film, "LIKE");
        }
        List<UUID> before = settled(login, token);
        long sent = System.nanoTime();
        platform.react(token, before.getFirst(), "LIKE");
        while (System.nanoTime() - sent < PATIENCE.toNanos()) {
            if (!platform.recommendations(token, 10).equals(before)) {
                return Duration.ofNanos(System.nanoTime() - sent);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return PATIENCE;
    }

    /** The viewer's first ten recommendations once non-empty and unchanged for {@link #SETTLED}. */
    private List<UUID> settled(String login, String token) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<UUID> seen = List.of();
        long seenSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<UUID> now = platform.recommendations(token, 10);
            if (!now.equals(seen)) {
                seen = now;
                seenSince = System.nanoTime();
            } else if (!now.isEmpty() && System.nanoTime() - seenSince >= SETTLED.toNanos()) {
                return now;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException(login + ": no settled recommendations within " + PATIENCE.toSeconds() + " s (the last: " + seen + ")");
    }

    /** Nearest rank. */
    private static double percentile(List<Double> sorted, double share) {
        return sorted.get(Math.max(0, (int) Math.ceil(share * sorted.size()) - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
