package dev.cinema.platform.soak;

import dev.cinema.platform.soak.FaultInjector.Fault;
import dev.cinema.platform.soak.History.FeedItem;
import dev.cinema.platform.soak.History.FeedRead;
import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.History.Outcome;
import dev.cinema.platform.soak.History.Register;
import dev.cinema.platform.soak.History.Write;
import dev.cinema.platform.soak.Stores.Votes;
import dev.cinema.platform.soak.Workload.Film;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What must hold after a run, checked against the history of requests and the end state. A
 * register's allowed final values are its last acknowledged write's (none: the value before any
 * write) and those of every indeterminate write, which may have been applied at any time after it
 * was sent (Jepsen's "info" operations); a rejected or refused write must have changed nothing.
 */
final class Invariants {

    /** One invariant: how many things it looked at, and each one that broke it. */
    record Check(String name, long checked, List<String> violations) {
    }

    static final String MONGO = "MongoDB holds each register's last acknowledged value (or an indeterminate write's)";
    static final String RECSYS = "recsys-service's profile (user_film) holds what MongoDB holds";
    static final String VOTES = "recsys-service's film_votes count each film's reactions in MongoDB once";
    static final String SERVER_ERRORS = "no 5xx but a 503 with Retry-After during a fault or its grace";
    static final String OWN_DATA = "no viewer received another viewer's data (lists, feeds, account)";
    static final String ACCOUNTS = "every registered viewer logs in at the end";
    static final String DRAINED = "the event pipeline drained (outboxes empty, recsys-service's consumer caught up)";
    static final String SETTLED_FEEDS = "settled feeds show none of the viewer's liked, disliked or excluded films";
    static final String FEEDS = "no feed shows a film the viewer had disliked or excluded before asking (but while ugc-service could not answer)";

    private final SoakSettings settings;
    private final History history;
    private final List<Fault> faults;
    private final List<Answer> serverErrors;
    private final Map<UUID, Film> films;
    private final Map<Key, List<Write>> registers;
    private final List<String> ugcInstances;
    private long feedsWithoutUgc;

    Invariants(SoakSettings settings, History history, List<Fault> faults, List<Answer> serverErrors, List<Film> films,
               List<String> ugcInstances) {
        this.ugcInstances = List.copyOf(ugcInstances);
        this.settings = settings;
        this.history = history;
        this.faults = faults;
        this.serverErrors = serverErrors;
        this.films = films.stream().collect(Collectors.toMap(Film::id, Function.identity()));
        this.registers = history.byRegister();
    }

    List<Check> check(EndState end) {
        return List.of(mongo(end), recsys(end), votes(end), serverErrors(), ownData(), accounts(end), drained(end), settledFeeds(end),
                feedsDuringTheRun());
    }

    /** The values a register may end with, given its writes (in the order sent). */
    static Set<String> allowed(List<Write> writes) {
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(writes.stream().filter(write -> write.outcome() == Outcome.ACKNOWLEDGED)
                .max(Comparator.comparing(write -> write.answer().sent())).map(Write::value).orElse(History.NONE));
        writes.stream().filter(write -> write.outcome() == Outcome.INDETERMINATE).forEach(write -> allowed.add(write.value()));
        return allowed;
    }

    private Check mongo(EndState end) {
        List<String> violations = new ArrayList<>();
        registers.forEach((key, writes) -> {
            String value = end.mongo().getOrDefault(key, History.NONE);
            Set<String> allowed = allowed(writes);
            if (!allowed.contains(value)) {
                violations.add(key + ": MongoDB holds " + value + ", allowed " + allowed + refusedNote(writes, value) + "; writes: " + writes);
            }
        });
        return new Check(MONGO, registers.size(), violations);
    }

    private static String refusedNote(List<Write> writes, String value) {
        boolean refused = writes.stream().anyMatch(write -> write.value().equals(value)
                && (write.outcome() == Outcome.REFUSED || write.outcome() == Outcome.REJECTED));
        return refused ? " (the value of a write answered 'nothing was changed')" : "";
    }

    private Check recsys(EndState end) {
        List<String> violations = new ArrayList<>();
        registers.forEach((key, writes) -> {
            String inMongo = end.mongo().getOrDefault(key, History.NONE);
            String inRecsys = end.recsys().getOrDefault(key, History.NONE);
            if (!inRecsys.equals(inMongo)) {
                violations.add(key + ": recsys-service holds " + inRecsys + ", MongoDB " + inMongo + ", allowed " + allowed(writes)
                        + "; writes: " + writes);
            }
        });
        return new Check(RECSYS, registers.size(), violations);
    }

    private Check votes(EndState end) {
        List<String> violations = new ArrayList<>();
        films.values().forEach(film -> {
            Votes inMongo = end.mongoVotes().getOrDefault(film.id(), Votes.NONE);
            Votes counted = end.filmVotes().getOrDefault(film.id(), Votes.NONE);
            if (!counted.equals(inMongo)) {
                violations.add("film " + film.id() + " (" + film.title() + "): film_votes " + counted + ", MongoDB " + inMongo);
            }
        });
        return new Check(VOTES, films.size(), violations);
    }

    private Check serverErrors() {
        List<String> violations = new ArrayList<>();
        for (Answer answer : serverErrors) {
            boolean excused = answer.status() == 503 && answer.retryAfter() != null && duringFault(answer);
            if (!excused) {
                violations.add(answer + (duringFault(answer) ? " (during a fault)" : " (no fault then: " + nearestFault(answer) + ")"));
            }
        }
        return new Check(SERVER_ERRORS, serverErrors.size(), violations);
    }

    private boolean duringFault(Answer answer) {
        return faults.stream().anyMatch(fault -> fault.overlaps(answer.sent(), answer.answered(), settings.grace()));
    }

    private String nearestFault(Answer answer) {
        return faults.stream().min(Comparator.comparing(fault -> distance(fault, answer.sent())))
                .map(fault -> "nearest " + fault.part() + " " + fault.start() + " to " + fault.end()).orElse("none");
    }

    private static Duration distance(Fault fault, Instant at) {
        if (at.isBefore(fault.start())) {
            return Duration.between(at, fault.start());
        }
        return at.isAfter(fault.end()) ? Duration.between(fault.end(), at) : Duration.ZERO;
    }

    /**
     * A viewer's lists name only films it sent that value for; a feed's reasons name only films it
     * liked ("because you liked T", "viewers who liked T liked it too"; "more like T" only after a
     * "more like this" press, which the soak never makes); its account and tokens are its own.
     */
    private Check ownData() {
        List<String> violations = new ArrayList<>();
        long checked = 0;
        for (History.ListRead read : history.lists()) {
            for (History.ListItem item : read.items()) {
                checked++;
                if (!sent(new Key(read.viewer().id, item.film(), read.register()), item.value(), read.answer().answered())) {
                    violations.add(read.viewer() + "'s " + read.register().name().toLowerCase() + " list names film " + item.film()
                            + " as " + item.value() + ", which it never sent: " + read.answer());
                }
            }
        }
        for (FeedRead read : history.feeds()) {
            for (FeedItem item : read.items()) {
                checked++;
                String named = namedFilm(item.reason());
                if (named != null && !likedTitles(read.viewer(), read.answer().answered()).contains(named)) {
                    violations.add(read.viewer() + "'s feed gives film " + item.film() + " for \"" + item.reason()
                            + "\", a film it never liked: " + read.answer());
                }
                if (item.reason() != null && item.reason().startsWith("more like ")) {
                    violations.add(read.viewer() + "'s feed gives film " + item.film() + " for \"" + item.reason()
                            + "\", but it never asked for more like a film: " + read.answer());
                }
            }
        }
        for (History.IdentityRead read : history.identities()) {
            checked++;
            Viewer viewer = read.viewer();
            boolean loginDiffers = read.login() != null && !read.login().equals(viewer.login);
            boolean idDiffers = viewer.id != null && !viewer.id.equals(read.id());
            if (loginDiffers || idDiffers) {
                violations.add(viewer + " was told it is " + read.login() + " (" + read.id() + "): " + read.answer());
            }
        }
        return new Check(OWN_DATA, checked, violations);
    }

    /** The film title a feed reason names as one the viewer liked, or null. */
    private static String namedFilm(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.startsWith("because you liked ")) {
            return reason.substring("because you liked ".length());
        }
        if (reason.startsWith("viewers who liked ") && reason.endsWith(" liked it too")) {
            return reason.substring("viewers who liked ".length(), reason.length() - " liked it too".length());
        }
        return null;
    }

    private boolean sent(Key key, String value, Instant before) {
        return registers.getOrDefault(key, List.of()).stream()
                .anyMatch(write -> write.value().equals(value) && write.answer().sent().isBefore(before));
    }

    private Set<String> likedTitles(Viewer viewer, Instant before) {
        return films.values().stream().filter(film -> sent(new Key(viewer.id, film.id(), Register.REACTION), History.LIKE, before))
                .map(Film::title).collect(Collectors.toSet());
    }

    private Check accounts(EndState end) {
        List<String> violations = new ArrayList<>();
        end.logins().forEach((viewer, answer) -> {
            if (answer.status() != 200) {
                violations.add(viewer + " registered, but its login at the end: " + answer);
            }
        });
        return new Check(ACCOUNTS, end.logins().size(), violations);
    }

    private Check drained(EndState end) {
        List<String> violations = end.drained() ? List.of() : List.of("after " + end.drainedAfter().toSeconds() + " s: "
                + end.pendingEvents() + " events still in the outboxes, recsys-service's consumer " + end.lag() + " behind");
        return new Check(DRAINED, 1, violations);
    }

    private Check settledFeeds(EndState end) {
        List<String> violations = new ArrayList<>();
        long checked = 0;
        for (FeedRead read : end.feeds().values()) {
            for (FeedItem item : read.items()) {
                checked++;
                String reaction = end.mongo().getOrDefault(new Key(read.viewer().id, item.film(), Register.REACTION), History.NONE);
                String exclusion = end.mongo().getOrDefault(new Key(read.viewer().id, item.film(), Register.EXCLUSION), History.NONE);
                if (!reaction.equals(History.NONE) || !exclusion.equals(History.NONE)) {
                    violations.add(read.viewer() + "'s settled feed shows film " + item.film() + " (" + item.source() + "), which it holds as "
                            + reaction + "/" + exclusion + ": " + read.answer());
                }
            }
        }
        return new Check(SETTLED_FEEDS, checked, violations);
    }

    /**
     * Every feed answered during the run, faults and all: none shows a film the viewer had disliked
     * or excluded by an acknowledged write before asking (with no indeterminate write on it before,
     * which might have been applied after the acknowledged one). The feed takes them from
     * ugc-service, where the press was saved, asking another instance when one fails. Excused only
     * while no instance could answer (MongoDB stopped, or every instance down, within the grace):
     * then the hidden films last known stand in, and a press they predate may show; those feeds are
     * counted ({@link #feedsWithoutUgc}).
     */
    private Check feedsDuringTheRun() {
        feedsWithoutUgc = 0;
        List<String> violations = new ArrayList<>();
        for (FeedRead read : history.feeds()) {
            Instant asked = read.answer().sent();
            List<UUID> shown = read.items().stream().map(FeedItem::film).filter(film ->
                    surely(new Key(read.viewer().id, film, Register.REACTION), History.DISLIKE, asked)
                            || surely(new Key(read.viewer().id, film, Register.EXCLUSION), History.EXCLUDED, asked)).toList();
            if (shown.isEmpty()) {
                continue;
            }
            Set<String> down = faults.stream().filter(fault -> fault.overlaps(read.answer().sent(), read.answer().answered(), settings.grace()))
                    .map(Fault::part).collect(Collectors.toSet());
            if (down.contains("mongo") || down.containsAll(ugcInstances)) {
                feedsWithoutUgc++;
            } else {
                violations.add(read.viewer() + " shown " + shown + (down.isEmpty() ? "" : " during faults of " + down) + ": " + read.answer());
            }
        }
        return new Check(FEEDS, history.feeds().size(), violations);
    }

    /** Feeds that showed a film hidden before asking while no ugc-service instance could answer (after {@link #check}). */
    long feedsWithoutUgc() {
        return feedsWithoutUgc;
    }

    /** Whether the register surely held this value at {@code at}: its last write before was acknowledged with it, none indeterminate. */
    private boolean surely(Key key, String value, Instant at) {
        List<Write> before = registers.getOrDefault(key, List.of()).stream().filter(write -> write.answer().answered().isBefore(at)).toList();
        return !before.isEmpty() && before.getLast().outcome() == Outcome.ACKNOWLEDGED && before.getLast().value().equals(value)
                && before.stream().noneMatch(write -> write.outcome() == Outcome.INDETERMINATE);
    }

    /** How many registers had a single allowed final value (no indeterminate write widened it). */
    long determinateRegisters() {
        return registers.values().stream().filter(writes -> allowed(writes).size() == 1).count();
    }

    /** How long after the last fault's end a 503 came that only the grace excused (none: zero). */
    Duration latestExcused503() {
        Duration latest = Duration.ZERO;
        for (Answer answer : serverErrors) {
            boolean inAFault = faults.stream().anyMatch(fault -> fault.overlaps(answer.sent(), answer.answered(), Duration.ZERO));
            if (answer.status() != 503 || answer.retryAfter() == null || inAFault) {
                continue;
            }
            Duration after = faults.stream().filter(fault -> fault.overlaps(answer.sent(), answer.answered(), settings.grace()))
                    .map(fault -> Duration.between(fault.end(), answer.sent())).min(Comparator.naturalOrder()).orElse(Duration.ZERO);
            latest = after.compareTo(latest) > 0 ? after : latest;
        }
        return latest;
    }
}
