package dev.cinema.platform.soak;

import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.History.Register;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * The viewers: they register, log in, like, dislike, exclude, take reactions and exclusions back
 * and read their feeds, lists and account through nginx. Actions start at a steady rate whatever
 * the answers (an open loop: a slow platform gets the same load, not less); each viewer does one
 * thing at a time, so a tick that finds every viewer waiting on an answer is missed, and counted.
 */
final class Workload {

    record Film(UUID id, String title) {
    }

    private enum Action {
        LIKE(22), DISLIKE(12), UNREACT(10), EXCLUDE(9), UNEXCLUDE(6), FEED(18), REACTIONS(10), EXCLUSIONS(5), ME(3), LOGIN(3), REGISTER(2);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    private static final int WEIGHTS = Arrays.stream(Action.values()).mapToInt(action -> action.weight).sum();
    private static final int REGISTER_ATTEMPTS = 3;
    static final Duration WARM_UP = Duration.ofMinutes(3);

    private final SoakSettings settings;
    private final Client client;
    private final History history;
    private final List<Film> films;
    private final Random random;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final AtomicInteger registering = new AtomicInteger();
    private final ExecutorService actions = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder ticks = new LongAdder();
    private final LongAdder missed = new LongAdder();
    private final LongAdder rejectedLiveTokens = new LongAdder();

    Workload(SoakSettings settings, Client client, History history, List<Film> films, Random random) {
        this.settings = settings;
        this.client = client;
        this.history = history;
        this.films = films;
        this.random = random;
    }

    /** The best-rated films of the catalog, as the viewers will see and react to them. */
    static List<Film> films(Client client, int count) {
        Answer answer = client.get("GET /films", "/api/v1/films?sort=-imdb_rating&size=" + count, null);
        if (!answer.ok()) {
            throw new IllegalStateException("the catalog's films: " + answer);
        }
        List<Film> films = new ArrayList<>();
        answer.json().get("items").forEach(film -> films.add(new Film(UUID.fromString(film.get("id").asString()), film.get("title").asString())));
        if (films.size() < count) {
            throw new IllegalStateException("the catalog holds " + films.size() + " films, fewer than " + count);
        }
        return List.copyOf(films);
    }

    /**
     * The first viewers, registered and logged in one after the other before anything is faulted,
     * through the warm-up's client (a platform just started may still refuse a while).
     */
    void registerFirst(Client warmUp) {
        for (int i = 0; i < settings.firstViewers(); i++) {
            Viewer viewer = newViewer();
            await().atMost(WARM_UP).pollInterval(Duration.ofSeconds(2)).until(() -> register(viewer, warmUp));
        }
    }

    /** Starts actions at the settings' rate until {@code until}, then waits for the ones under way. */
    void run(Instant until) {
        long period = Math.max(1, Math.round(1_000_000_000 / settings.rate()));
        try (ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor()) {
            ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
            LockSupport.parkNanos(Math.max(0, Duration.between(Instant.now(), until).toNanos()));
            ticker.shutdownNow();
        }
        actions.close();
    }

    List<Viewer> viewers() {
        return List.copyOf(viewers);
    }

    long ticks() {
        return ticks.sum();
    }

    long missed() {
        return missed.sum();
    }

    /** 401 answers to a token that had not expired yet. */
    long rejectedLiveTokens() {
        return rejectedLiveTokens.sum();
    }

    /** Chooses the action, the viewer and the film on the ticker's thread (so the seed decides them), and runs it on its own. */
    private void tick() {
        ticks.increment();
        Action action = choose();
        if (action == Action.REGISTER) {
            if (viewers.size() + registering.get() < settings.maxViewers()) {
                registering.incrementAndGet();
                Viewer viewer = newViewer();
                actions.execute(() -> {
                    try {
                        register(viewer, client);
                    } finally {
                        registering.decrementAndGet();
                    }
                });
                return;
            }
            action = Action.FEED;
        }
        Viewer viewer = idleViewer();
        if (viewer == null) {
            missed.increment();
            return;
        }
        Film film = films.get(random.nextInt(films.size()));
        Action chosen = action;
        actions.execute(() -> {
            try {
                act(viewer, chosen, film);
            } finally {
                viewer.release();
            }
        });
    }

    private Action choose() {
        int pick = random.nextInt(WEIGHTS);
        for (Action action : Action.values()) {
            pick -= action.weight;
            if (pick < 0) {
                return action;
            }
        }
        throw new IllegalStateException("weights");
    }

    private Viewer idleViewer() {
        int count = viewers.size();
        if (count == 0) {
            return null;
        }
        int first = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            Viewer viewer = viewers.get((first + i) % count);
            if (viewer.claim()) {
                return viewer;
            }
        }
        return null;
    }

    private Viewer newViewer() {
        return new Viewer("soak-" + UUID.randomUUID().toString().substring(0, 13), "soak-password-" + random.nextInt(1_000_000));
    }

    private void act(Viewer viewer, Action action, Film film) {
        if (action == Action.LOGIN) {
            login(viewer);
            return;
        }
        if (!viewer.hasToken() && !login(viewer)) {
            return;
        }
        String path = "/api/v1/" + (action == Action.EXCLUDE || action == Action.UNEXCLUDE ? "exclusions/" : "reactions/") + film.id();
        switch (action) {
            case LIKE, DISLIKE -> write(viewer, new Key(viewer.id, film.id(), Register.REACTION), action.name(),
                    client.put("PUT /reactions/{id}", path, "{\"value\":\"" + action.name() + "\"}", viewer.token));
            case UNREACT -> write(viewer, new Key(viewer.id, film.id(), Register.REACTION), History.NONE,
                    client.delete("DELETE /reactions/{id}", path, viewer.token));
            case EXCLUDE -> write(viewer, new Key(viewer.id, film.id(), Register.EXCLUSION), History.EXCLUDED,
                    client.put("PUT /exclusions/{id}", path, null, viewer.token));
            case UNEXCLUDE -> write(viewer, new Key(viewer.id, film.id(), Register.EXCLUSION), History.NONE,
                    client.delete("DELETE /exclusions/{id}", path, viewer.token));
            case FEED -> feed(viewer);
            case REACTIONS -> list(viewer, Register.REACTION, client.get("GET /reactions", "/api/v1/reactions?size=100", viewer.token));
            case EXCLUSIONS -> list(viewer, Register.EXCLUSION, client.get("GET /exclusions", "/api/v1/exclusions?size=100", viewer.token));
            case ME -> me(viewer);
            default -> throw new IllegalStateException(action.name());
        }
    }

    private void write(Viewer viewer, Key key, String value, Answer answer) {
        history.write(new History.Write(key, value, History.Outcome.of(answer), answer));
        expired(viewer, answer);
    }

    private void feed(Viewer viewer) {
        Answer answer = client.get("GET /feed", "/api/v1/feed?size=20", viewer.token);
        if (answer.ok()) {
            List<History.FeedItem> items = new ArrayList<>();
            answer.json().get("items").forEach(item -> items.add(new History.FeedItem(UUID.fromString(item.get("id").asString()),
                    Answer.text(item, "source"), Answer.text(item, "reason"))));
            history.feed(new History.FeedRead(viewer, items, answer));
        }
        expired(viewer, answer);
    }

    private void list(Viewer viewer, Register register, Answer answer) {
        if (answer.ok()) {
            List<History.ListItem> items = new ArrayList<>();
            answer.json().get("items").forEach(item -> items.add(new History.ListItem(UUID.fromString(item.get("filmId").asString()),
                    register == Register.REACTION ? Answer.text(item, "value") : History.EXCLUDED)));
            history.list(new History.ListRead(viewer, register, items, answer));
        }
        expired(viewer, answer);
    }

    private void me(Viewer viewer) {
        Answer answer = client.get("GET /auth/me", "/api/v1/auth/me", viewer.token);
        if (answer.ok()) {
            JsonNode account = answer.json();
            history.identity(new History.IdentityRead(viewer, Answer.text(account, "login"), UUID.fromString(account.get("id").asString()), answer));
        }
        expired(viewer, answer);
    }

    /** A 401 means the token must be replaced; counted when the token had not expired yet. */
    private void expired(Viewer viewer, Answer answer) {
        if (answer.status() == 401) {
            if (Instant.now().isBefore(viewer.tokenExpires)) {
                rejectedLiveTokens.increment();
            }
            viewer.token = null;
        }
    }

    /**
     * Registers the viewer (again after an attempt that got no answer: then 409 says the first one
     * was applied), logs it in, and lets it act. A 429 is waited out as its {@code Retry-After} says.
     */
    private boolean register(Viewer viewer, Client via) {
        for (int attempt = 0, paced = 0; attempt < REGISTER_ATTEMPTS && paced < 30; ) {
            Answer answer = via.post("POST /auth/register", "/api/v1/auth/register", viewer.credentials(), null);
            if (answer.status() == 201) {
                JsonNode account = answer.json();
                history.identity(new History.IdentityRead(viewer, Answer.text(account, "login"), UUID.fromString(account.get("id").asString()), answer));
                viewer.registered = true;
                break;
            }
            if (answer.status() == 409 && viewer.registrationUnanswered) {
                viewer.registered = true;
                break;
            }
            if (answer.status() == 429) {
                paced++;
                pause(answer.retryAfter());
                continue;
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                return false;
            }
            viewer.registrationUnanswered = true;
            attempt++;
            pause("2");
        }
        if (!viewer.registered) {
            return false;
        }
        history.viewer(viewer);
        for (int attempt = 0; attempt < REGISTER_ATTEMPTS && !login(viewer, via); attempt++) {
            pause("2");
        }
        if (viewer.id == null) {
            return false;
        }
        viewers.add(viewer);
        return true;
    }

    /** Logs in: a new token, whose subject is the viewer's id (and must stay so). */
    private boolean login(Viewer viewer) {
        return login(viewer, client);
    }

    private boolean login(Viewer viewer, Client via) {
        Answer answer = via.post("POST /auth/login", "/api/v1/auth/login", viewer.credentials(), null);
        if (!answer.ok()) {
            return false;
        }
        JsonNode tokens = answer.json();
        String token = tokens.get("access_token").asString();
        JsonNode claims = Answer.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        UUID subject = UUID.fromString(claims.get("sub").asString());
        history.identity(new History.IdentityRead(viewer, Answer.text(claims, "preferred_username"), subject, answer));
        if (viewer.id == null) {
            viewer.id = subject;
        }
        viewer.token = token;
        viewer.tokenExpires = Instant.ofEpochSecond(claims.get("exp").asLong());
        return true;
    }

    private static void pause(String retryAfter) {
        long seconds = 1;
        try {
            seconds = retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException dateForm) {
            // an HTTP date: a second will do
        }
        LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos());
    }
}
