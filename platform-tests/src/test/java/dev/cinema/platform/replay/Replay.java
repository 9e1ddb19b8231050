package dev.cinema.platform.replay;

import dev.cinema.platform.replay.ReplayViewers.Viewer;
import dev.cinema.recsys.evaluation.Holdout;
import dev.cinema.recsys.evaluation.LikeCounts;
import dev.cinema.recsys.evaluation.MovieLens;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * MovieLens' viewers replayed through the platform's public API, and their served feeds scored on
 * the likes they went on to make: the online side of the offline evaluation, with the same split
 * ({@link Holdout}, the latest fifth of each viewer's likes held out).
 * <ul>
 *   <li>{@code send DIR}: every viewer registers and logs in through nginx and sends its training
 *   likes and dislikes in the order it made them, many viewers at once; then waits until
 *   recsys-service has applied them all.</li>
 *   <li>{@code score DIR}, once a model has been trained on those likes: waits until recsys-service
 *   serves it, has every viewer refreshed, and scores each tested viewer's signed-in feed, the
 *   anonymous feed and like-count popularity.</li>
 * </ul>
 * Run by {@code recsys-service/bench/replay.sh} on a platform of its own, whose catalog is the
 * MovieLens films: {@code -Dcinema.url} is its nginx, the variables {@code local_run.sh} reads give
 * its recsys-service and PostgreSQL.
 */
public final class Replay {

    static final double HELD_OUT_SHARE = 0.2;
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final int CONCURRENT_VIEWERS = Integer.getInteger("replay.concurrency", 16);

    private final MovieLens movieLens;
    private final Holdout holdout;
    private final ReplayViewers viewers;
    private final PlatformClient platform;
    private final RecsysDatabase recsys = RecsysDatabase.of(System.getenv());

    private Replay(Path dir) throws IOException {
        movieLens = MovieLens.read(dir);
        holdout = Holdout.of(movieLens.ratings(), HELD_OUT_SHARE);
        viewers = ReplayViewers.of(holdout.training());
        platform = new PlatformClient(URI.create(System.getProperty("cinema.url", "http://127.0.0.1:8080")));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("send", "score").contains(args[0])) {
            System.err.println("usage: Replay send|score DIR   (a MovieLens-format folder: ratings.csv, movies.csv)");
            System.exit(2);
        }
        Replay replay = new Replay(Path.of(args[1]));
        if (args[0].equals("send")) {
            replay.send();
        } else {
            replay.score();
        }
    }

    private void send() throws Exception {
        System.out.printf(Locale.ROOT, "send: %,d viewers (%,d of them tested on held-out likes), %,d likes and dislikes, %d viewers at a time%n",
                viewers.viewers().size(), holdout.heldOut().size(), viewers.reactions(), CONCURRENT_VIEWERS);
        long before = recsys.verdicts();
        AtomicLong sent = new AtomicLong();
        Instant began = Instant.now();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_VIEWERS)) {
            List<Future<?>> done = viewers.viewers().stream().<Future<?>>map(viewer -> pool.submit(() -> play(viewer, sent))).toList();
            Instant nextReport = Instant.now().plusSeconds(10);
            for (Future<?> viewer : done) {
                while (!viewer.isDone()) {
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    if (Instant.now().isAfter(nextReport)) {
                        System.out.printf(Locale.ROOT, "  %,d of %,d sent%n", sent.get(), viewers.reactions());
                        nextReport = Instant.now().plusSeconds(10);
                    }
                }
                viewer.get(); // a viewer that failed ends the replay
            }
        }
        double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "sent in %.1f s: %.0f reactions/s through nginx, sign-ins included%n", seconds, sent.get() / seconds);
        long expected = before + viewers.reactions();
        awaitThat("recsys-service applied every reaction (" + expected + " in the profiles)", () -> recsys.verdicts() >= expected);
        System.out.printf(Locale.ROOT, "applied %.1f s after the first was sent%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);
    }

    private void play(Viewer viewer, AtomicLong sent) {
        String token = platform.signIn(viewer.login(), viewer.password());
        for (Rating reaction : viewer.reactions()) {
            platform.react(token, MovieLens.filmId(reaction.movieId()), reaction.rating() >= Holdout.LIKE ? "LIKE" : "DISLIKE");
            sent.incrementAndGet();
        }
    }

    private void score() throws Exception {
        long version = recsys.servingModel().orElseThrow(() -> new IllegalStateException("no model serves: train one first (./local_run.sh train)"));
        awaitThat("recsys-service serves model " + version, () -> servedModel() == version);
        Timestamp due = recsys.everyoneDue();
        awaitThat("every viewer refreshed with model " + version, () -> recsys.notRefreshedSince(due) == 0);
        System.out.printf(Locale.ROOT, "score: model %d serving, every viewer refreshed; reading %,d viewers' feeds%n", version, holdout.heldOut().size());

        ServedFeeds feeds = new ServedFeeds(movieLens.movies());
        List<Long> anonymous = feeds.movieIds(platform.feed(null, 100));
        List<Long> popularity = LikeCounts.mostLiked(movieLens.movies(), holdout.training());
        Map<Long, Viewer> byId = new HashMap<>();
        viewers.viewers().forEach(viewer -> byId.put(viewer.userId(), viewer));
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_VIEWERS)) {
            List<Future<?>> done = holdout.heldOut().entrySet().stream().<Future<?>>map(tested -> pool.submit(() -> {
                Viewer viewer = byId.get(tested.getKey());
                Set<Long> known = new HashSet<>();
                viewer.reactions().forEach(reaction -> known.add(reaction.movieId()));
                String token = platform.signIn(viewer.login(), viewer.password());
                feeds.signedIn.add(viewer.userId(), feeds.movieIds(platform.feed(token, 10)), tested.getValue(), false);
                feeds.anonymous.add(viewer.userId(), ServedFeeds.unknown(anonymous, known), tested.getValue(), false);
                feeds.popularity.add(viewer.userId(), ServedFeeds.unknown(popularity, known), tested.getValue(), false);
            })).toList();
            for (Future<?> viewer : done) {
                viewer.get();
            }
        }
        System.out.print(feeds.table());
    }

    /**
     * The version of the model recsys-service has in memory (its gauge {@code recsys.model.version}; 0: none), read on
     * its management port as local_run.sh sets it (RECSYS_MANAGEMENT_PORT, else the service's port + 10).
     */
    private static long servedModel() {
        int servicePort = Integer.parseInt(System.getenv().getOrDefault("RECSYS_PORT", "8084"));
        String managementPort = System.getenv().getOrDefault("RECSYS_MANAGEMENT_PORT", String.valueOf(servicePort + 10));
        URI metric = URI.create("http://127.0.0.1:" + managementPort + "/actuator/metrics/recsys.model.version");
        HttpRequest.Builder request = HttpRequest.newBuilder(metric).timeout(Duration.ofSeconds(10));
        String scrapeToken = System.getenv("MANAGEMENT_SCRAPE_TOKEN");
        if (scrapeToken != null && !scrapeToken.isBlank()) {
            request.header("Authorization", "Bearer " + scrapeToken);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() != 200 ? -1
                    : (long) JsonMapper.builder().build().readTree(answer.body()).path("measurements").path(0).path("value").asDouble();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void awaitThat(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not within " + PATIENCE + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }
}
