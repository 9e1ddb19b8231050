package dev.cinema.platform.soak;

import dev.cinema.platform.soak.FaultInjector.Fault;
import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.History.Outcome;
import dev.cinema.platform.soak.History.Register;
import dev.cinema.platform.soak.Stores.Votes;
import dev.cinema.platform.soak.Workload.Film;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's checks on histories made up for them: each must catch what it names, and only that. */
class InvariantsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Film FILM = new Film(UUID.randomUUID(), "Alien");
    private static final Film OTHER_FILM = new Film(UUID.randomUUID(), "Heat");

    private final SoakSettings settings = SoakSettings.of(Duration.ofMinutes(1));
    private final History history = new History();
    private final Viewer viewer = viewer();
    private final Key reaction = new Key(viewer.id, FILM.id(), Register.REACTION);

    @Test
    void theLastAcknowledgedValueAndEveryIndeterminateOneAreAllowed() {
        write(reaction, History.LIKE, 200, 0);
        write(reaction, History.DISLIKE, 0, 1);
        write(reaction, History.NONE, 204, 2);
        write(reaction, History.LIKE, 503, 3);

        assertThat(Invariants.allowed(history.byRegister().get(reaction))).containsExactlyInAnyOrder(History.NONE, History.DISLIKE, History.LIKE);
        assertThat(History.Outcome.of(answer("PUT /reactions/{id}", 0, 1))).isEqualTo(Outcome.INDETERMINATE);
    }

    @Test
    void anAcknowledgedWriteMongoDbDoesNotHoldIsAViolationAndSoIsARefusedOneItDoes() {
        write(reaction, History.LIKE, 200, 0);
        Key exclusion = new Key(viewer.id, FILM.id(), Register.EXCLUSION);
        history.write(new History.Write(exclusion, History.EXCLUDED, Outcome.REFUSED, answer("PUT /exclusions/{id}", 503, 1)));

        Map<Key, String> stores = Map.of(reaction, History.NONE, exclusion, History.EXCLUDED);
        List<Invariants.Check> checks = check(stores, stores);

        assertThat(violations(checks, Invariants.MONGO)).hasSize(2);
        assertThat(violations(checks, Invariants.RECSYS)).isEmpty();
    }

    @Test
    void recsysServiceHoldingAnotherValueThanMongoDbIsAViolation() {
        write(reaction, History.LIKE, 200, 0);

        List<Invariants.Check> checks = check(Map.of(reaction, History.LIKE), Map.of(reaction, History.DISLIKE));

        assertThat(violations(checks, Invariants.MONGO)).isEmpty();
        assertThat(violations(checks, Invariants.RECSYS)).hasSize(1);
    }

    @Test
    void a503WithRetryAfterIsExcusedDuringAFaultAndItsGraceOnlyAndNoOther5xxIsEver() {
        Fault fault = new Fault("mongo", FaultInjector.Action.STOPPED, T0, T0.plusSeconds(10), 1, "");
        List<Answer> errors = List.of(
                new Answer("PUT /reactions/{id}", 503, null, "5", "", T0.plusSeconds(5), T0.plusSeconds(6), null),
                new Answer("PUT /reactions/{id}", 503, null, "5", "", T0.plusSeconds(15), T0.plusSeconds(15), null),
                new Answer("PUT /reactions/{id}", 503, null, "5", "", T0.plusSeconds(60), T0.plusSeconds(60), null),
                new Answer("GET /feed", 503, null, null, "", T0.plusSeconds(5), T0.plusSeconds(5), null),
                new Answer("POST /auth/login", 500, null, null, "", T0.plusSeconds(5), T0.plusSeconds(5), null));

        Invariants invariants = new Invariants(settings, history, List.of(fault), errors, List.of(FILM), List.of("ugc-service"));
        List<String> violations = violations(invariants.check(end(Map.of(), Map.of())), Invariants.SERVER_ERRORS);

        // within the grace (10 s by default) after the fault: excused; a minute after, without Retry-After, a 500: not
        assertThat(violations).hasSize(3).noneMatch(violation -> violation.contains("T12:00:15"));
    }

    @Test
    void aListNamingAFilmTheViewerNeverSentAndAReasonNamingAFilmItNeverLikedAreAnotherViewersData() {
        write(reaction, History.LIKE, 200, 0);
        history.list(new History.ListRead(viewer, Register.REACTION, List.of(new History.ListItem(FILM.id(), History.LIKE),
                new History.ListItem(OTHER_FILM.id(), History.DISLIKE)), answer("GET /reactions", 200, 2)));
        history.feed(new History.FeedRead(viewer, List.of(new History.FeedItem(UUID.randomUUID(), "similar", "because you liked Alien"),
                new History.FeedItem(UUID.randomUUID(), "similar", "because you liked Heat")), answer("GET /feed", 200, 3)));

        List<String> violations = violations(check(Map.of(reaction, History.LIKE), Map.of(reaction, History.LIKE)), Invariants.OWN_DATA);

        assertThat(violations).hasSize(2).anyMatch(violation -> violation.contains(OTHER_FILM.id().toString()))
                .anyMatch(violation -> violation.contains("Heat"));
    }

    @Test
    void votesThatDifferFromMongoDbsCountAreAViolation() {
        Invariants invariants = new Invariants(settings, history, List.of(), List.of(), List.of(FILM, OTHER_FILM), List.of("ugc-service"));
        EndState end = new EndState(true, Duration.ZERO, 0, 0, Map.of(), Map.of(),
                Map.of(FILM.id(), new Votes(2, 1), OTHER_FILM.id(), new Votes(1, 0)),
                Map.of(FILM.id(), new Votes(2, 1), OTHER_FILM.id(), new Votes(2, 0)), Map.of(), Map.of());

        assertThat(violations(invariants.check(end), Invariants.VOTES)).singleElement().asString().contains("Heat");
    }

    @Test
    void aFeedShowingAFilmDislikedBeforeItWasAskedForIsAViolationButNotOneAskedForBeforeTheDislikeWasAnswered() {
        Key otherReaction = new Key(viewer.id, OTHER_FILM.id(), Register.REACTION);
        write(reaction, History.DISLIKE, 200, 0);
        write(otherReaction, History.DISLIKE, 200, 5);
        // asked at second 2: FILM's dislike was answered before, OTHER_FILM's came after
        history.feed(new History.FeedRead(viewer, List.of(new History.FeedItem(FILM.id(), "popular", "Rated 8.5 on IMDb"),
                new History.FeedItem(OTHER_FILM.id(), "popular", "Rated 8.3 on IMDb")), answer("GET /feed", 200, 2)));

        List<String> violations = violations(check(Map.of(), Map.of()), Invariants.FEEDS);

        assertThat(violations).singleElement().asString().contains(FILM.id().toString()).doesNotContain(OTHER_FILM.id().toString());
    }

    @Test
    void aFeedAskedWhileNoUgcServiceInstanceCouldAnswerIsExcusedButNotWhileOneOfTwoCould() {
        write(reaction, History.DISLIKE, 200, 0);
        history.feed(new History.FeedRead(viewer, List.of(new History.FeedItem(FILM.id(), "popular", "Rated 8.5 on IMDb")),
                answer("GET /feed", 200, 20)));
        Fault first = new Fault("ugc-service", FaultInjector.Action.KILLED, T0.plusSeconds(10), T0.plusSeconds(30), 1, "");
        Fault second = new Fault("ugc-service-2", FaultInjector.Action.KILLED, T0.plusSeconds(15), T0.plusSeconds(25), 1, "");
        List<String> both = List.of("ugc-service", "ugc-service-2");

        assertThat(feedViolations(List.of(first), both)).hasSize(1);
        assertThat(feedViolations(List.of(first, second), both)).isEmpty();
        assertThat(feedViolations(List.of(first), List.of("ugc-service"))).isEmpty();
        assertThat(feedViolations(List.of(new Fault("mongo", FaultInjector.Action.STOPPED, T0.plusSeconds(19), T0.plusSeconds(21), 1, "")),
                both)).isEmpty();
    }

    private List<String> feedViolations(List<Fault> faults, List<String> ugcInstances) {
        return violations(new Invariants(settings, history, faults, List.of(), List.of(FILM), ugcInstances).check(end(Map.of(), Map.of())),
                Invariants.FEEDS);
    }

    private List<Invariants.Check> check(Map<Key, String> mongo, Map<Key, String> recsys) {
        return new Invariants(settings, history, List.of(), List.of(), List.of(FILM, OTHER_FILM), List.of("ugc-service")).check(end(mongo, recsys));
    }

    private static EndState end(Map<Key, String> mongo, Map<Key, String> recsys) {
        return new EndState(true, Duration.ZERO, 0, 0, new HashMap<>(mongo), new HashMap<>(recsys), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static List<String> violations(List<Invariants.Check> checks, String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow().violations();
    }

    private void write(Key key, String value, int status, int second) {
        Answer answer = answer("PUT /reactions/{id}", status, second);
        history.write(new History.Write(key, value, Outcome.of(answer), answer));
    }

    private static Answer answer(String endpoint, int status, int second) {
        return new Answer(endpoint, status, status == 0 ? "timeout" : null, status == 503 ? "5" : null, "",
                T0.plusSeconds(second), T0.plusSeconds(second).plusMillis(100), null);
    }

    private static Viewer viewer() {
        Viewer viewer = new Viewer("soak-viewer", "password");
        viewer.id = UUID.randomUUID();
        return viewer;
    }
}
