package dev.cinema.platform.soak;

import dev.cinema.platform.LocalRun;
import dev.cinema.platform.soak.History.FeedItem;
import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.Stores.MongoState;
import dev.cinema.platform.soak.Workload.Film;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * The soak: viewers act through nginx at a steady rate while servers are stopped and services
 * killed at random; then everything is brought back, the event pipeline is left to drain, and the
 * invariants are checked against what every request was answered and what the stores hold.
 * {@code ./local_run.sh soak MINUTES} runs {@link #main}; {@code SoakIT} (in {@code -Plong}) runs three minutes.
 */
public final class Soak {

    /** The checks, and the report that says what was run and found. */
    record Result(List<Invariants.Check> checks, String report) {
        long violations() {
            return checks.stream().mapToLong(check -> check.violations().size()).sum();
        }
    }

    private static final Duration QUIET_START = Duration.ofSeconds(10);
    private static final Duration BACK_WITHIN = Duration.ofMinutes(3);
    private static final int SETTLED_FEEDS_AT_ONCE = 8;

    private final SoakSettings settings;
    private final Addresses addresses;

    Soak(SoakSettings settings, Addresses addresses) {
        this.settings = settings;
        this.addresses = addresses;
    }

    /** {@code Soak MINUTES}: exits 1 when an invariant was broken, 2 when the soak could not run. */
    public static void main(String[] arguments) {
        double minutes = arguments.length == 0 ? 3 : Double.parseDouble(arguments[0]);
        Result result;
        try {
            result = new Soak(SoakSettings.of(Duration.ofMillis((long) (minutes * 60_000))), Addresses.fromEnvironment()).run();
        } catch (RuntimeException failed) {
            System.err.println("soak: could not run: " + failed);
            failed.printStackTrace();
            System.exit(2);
            return;
        }
        System.exit(result.violations() == 0 ? 0 : 1);
    }

    Result run() {
        addresses.requireOneRun();
        try {
            Files.createDirectories(settings.out());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        Requests requests = new Requests();
        Client client = new Client(addresses.nginx(), settings.requestTimeout(), requests);
        History history = new History();
        log("%s for %d s at %.0f actions/s, seed %d; platform %s (%s); details in %s", getClass().getSimpleName(), settings.duration().toSeconds(),
                settings.rate(), settings.seed(), addresses.nginx(), addresses.root(), settings.out());
        // The films and the first viewers before the clock starts; a platform just started may refuse
        // a while (a cold async-api's first searches outlast its Elasticsearch timeout): not counted.
        Requests warmUpRequests = new Requests();
        Client warmUp = new Client(addresses.nginx(), settings.requestTimeout(), warmUpRequests);
        List<Film> films = await().atMost(Workload.WARM_UP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> Workload.films(warmUp, settings.films()), Objects::nonNull);
        Workload workload = new Workload(settings, client, history, films, new Random(settings.seed()));
        workload.registerFirst(warmUp);
        log("warm-up (not counted): %s", warmUpRequests.table());
        FaultInjector injector = new FaultInjector(settings, new Random(settings.seed() * 31 + 7), Soak::log);

        Instant began = Instant.now();
        Instant until = began.plus(settings.duration());
        injector.start(began.plus(QUIET_START), until);
        try {
            workload.run(until);
        } finally {
            injector.awaitEnd();
            everythingUp(injector.parts(), client);
        }
        Instant back = Instant.now();
        log("every part is up again; waiting for the event pipeline to drain (at most %d s)", settings.settleWithin().toSeconds());

        EndState end = settle(history, films, client, back);
        Invariants invariants = new Invariants(settings, history, injector.faults(), requests.serverErrors(), films,
                injector.parts().stream().filter(part -> part.startsWith("ugc-service")).toList());
        List<Invariants.Check> checks = invariants.check(end);
        String report = new SoakReport(new SoakReport.Run(settings, addresses, requests, workload, history, injector.faults(),
                injector.parts(), end, Duration.between(began, back)), invariants, checks).write();
        System.out.println(report);
        return new Result(checks, report);
    }

    /** Every part running again (a fault's start may have given up), and nginx answering. */
    private static void everythingUp(List<String> parts, Client client) {
        for (String part : parts) {
            for (int attempt = 1; ; attempt++) {
                try {
                    LocalRun.start(part, FaultInjector.AS_BUILT);
                    break;
                } catch (RuntimeException failed) {
                    if (attempt == 3) {
                        throw failed;
                    }
                    LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                }
            }
        }
        await().atMost(BACK_WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.get("GET /genres", "/api/v1/genres", null).status() == 200);
    }

    /**
     * Waits until no viewer's outbox holds an event and recsys-service's consumer has committed
     * everything on the topic, or the bound; then reads what the stores hold and each viewer's login and feed.
     */
    private EndState settle(History history, List<Film> films, Client client, Instant back) {
        List<UUID> viewers = history.viewers().stream().filter(viewer -> viewer.id != null).map(viewer -> viewer.id).toList();
        List<UUID> filmIds = films.stream().map(Film::id).toList();
        AtomicReference<Long> pending = new AtomicReference<>(-1L);
        AtomicReference<Long> lag = new AtomicReference<>(-1L);
        boolean drained = true;
        try (Stores stores = new Stores(addresses)) {
            try {
                await().atMost(settings.settleWithin()).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                    long inOutboxes = stores.mongo(viewers, filmIds).pendingEvents();
                    long behind = stores.consumerLag();
                    if (inOutboxes != pending.get() || behind != lag.get()) {
                        log("%d events in the outboxes, recsys-service's consumer %d behind", inOutboxes, behind);
                    }
                    pending.set(inOutboxes);
                    lag.set(behind);
                    return inOutboxes == 0 && behind == 0;
                });
            } catch (ConditionTimeoutException notDrained) {
                drained = false;
            }
            Duration after = Duration.between(back, Instant.now());
            log(drained ? "drained %d s after every part was back" : "NOT drained after %d s", after.toSeconds());
            MongoState mongo = stores.mongo(viewers, filmIds);
            Map<Key, String> recsys = stores.recsys(viewers);
            // Logins one after the other (limited per address), then the feeds eight at a time: a feed that
            // hangs costs its timeout once per eight viewers, and the check is of the settled state, not of a
            // burst (80 feeds at once made recsys-service and ugc-service slower than async-api waits for them).
            Map<Viewer, Answer> logins = new LinkedHashMap<>();
            for (Viewer viewer : history.viewers()) {
                logins.put(viewer, paced(() -> client.post("POST /auth/login", "/api/v1/auth/login", viewer.credentials(), null)));
            }
            Map<Viewer, History.FeedRead> feeds = new ConcurrentHashMap<>();
            Semaphore atOnce = new Semaphore(SETTLED_FEEDS_AT_ONCE);
            try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
                logins.forEach((viewer, login) -> {
                    if (login.ok() && viewer.id != null) {
                        readers.execute(() -> {
                            atOnce.acquireUninterruptibly();
                            try {
                                settledFeed(client, viewer, login).ifPresent(feed -> feeds.put(viewer, feed));
                            } finally {
                                atOnce.release();
                            }
                        });
                    }
                });
            }
            return new EndState(drained, after, pending.get(), lag.get(), mongo.values(), recsys, stores.mongoVotes(filmIds),
                    stores.filmVotes(filmIds), logins, feeds);
        } catch (SQLException failed) {
            throw new IllegalStateException("recsys-service's PostgreSQL could not be read at " + addresses.recsysJdbcUrl(), failed);
        }
    }

    private static Optional<History.FeedRead> settledFeed(Client client, Viewer viewer, Answer login) {
        Answer feed = client.get("GET /feed", "/api/v1/feed?size=50", login.json().get("access_token").asString());
        if (!feed.ok()) {
            return Optional.empty();
        }
        List<FeedItem> items = new ArrayList<>();
        feed.json().get("items").forEach(item -> items.add(new FeedItem(UUID.fromString(item.get("id").asString()),
                Answer.text(item, "source"), Answer.text(item, "reason"))));
        return Optional.of(new History.FeedRead(viewer, items, feed));
    }

    /**
     * A login that nginx, and auth-service itself, limit per client address (every viewer here has
     * the same one): a 429 is waited out as its Retry-After says, for up to two minutes.
     */
    private static Answer paced(Supplier<Answer> request) {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        Answer answer = request.get();
        while (answer.status() == 429 && Instant.now().isBefore(giveUp)) {
            LockSupport.parkNanos(Duration.ofSeconds(retryAfter(answer)).toNanos());
            answer = request.get();
        }
        return answer;
    }

    private static long retryAfter(Answer answer) {
        try {
            return answer.retryAfter() == null ? 1 : Math.max(1, Long.parseLong(answer.retryAfter().trim()));
        } catch (NumberFormatException dateForm) {
            return 1;
        }
    }

    static void log(String format, Object... arguments) {
        System.out.println("[soak " + Instant.now() + "] " + format.formatted(arguments));
    }

    private static void log(String line) {
        log("%s", line);
    }
}
