package dev.cinema.platform.soak;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Everything the viewers wrote and read, with when each request was sent and answered. A viewer's
 * stand on a film is two registers (its reaction, its exclusion); a write sets one of them.
 */
final class History {

    static final String NONE = "NONE";
    static final String LIKE = "LIKE";
    static final String DISLIKE = "DISLIKE";
    static final String EXCLUDED = "EXCLUDED";

    enum Register { REACTION, EXCLUSION }

    record Key(UUID viewer, UUID film, Register register) {
        @Override
        public String toString() {
            return "viewer " + viewer + " film " + film + " " + register.name().toLowerCase();
        }
    }

    /**
     * What a write's answer says of it. ACKNOWLEDGED: a 2xx. REJECTED: a 4xx, refused before anything
     * was written (an expired token). REFUSED: ugc-service's own 503 (storage unavailable or contended), which says nothing was changed.
     * INDETERMINATE: no answer, or another 5xx (nginx's 503 for a service that went away mid-request):
     * it may or may not have been applied, now or later.
     */
    enum Outcome {
        ACKNOWLEDGED, REJECTED, REFUSED, INDETERMINATE;

        /** ugc-service's 503 problems that say nothing was changed: MongoDB out of reach, or the document contended. */
        private static final List<String> REFUSALS = List.of("/storage-unavailable", "/storage-contended");

        static Outcome of(Answer answer) {
            if (answer.ok()) {
                return ACKNOWLEDGED;
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                return REJECTED;
            }
            if (answer.status() == 503 && REFUSALS.stream().anyMatch(answer.problemType()::endsWith)) {
                return REFUSED;
            }
            return INDETERMINATE;
        }
    }

    record Write(Key key, String value, Outcome outcome, Answer answer) {
        @Override
        public String toString() {
            return value + " " + outcome + " (" + answer.endpoint() + " sent " + answer.sent() + ", " + answer.label() + " at "
                    + answer.answered() + (answer.requestId() == null ? "" : ", id " + answer.requestId()) + ")";
        }
    }

    record ListItem(UUID film, String value) {
    }

    /** A viewer's reaction or exclusion list as ugc-service answered it. */
    record ListRead(Viewer viewer, Register register, List<ListItem> items, Answer answer) {
    }

    record FeedItem(UUID film, String source, String reason) {
    }

    record FeedRead(Viewer viewer, List<FeedItem> items, Answer answer) {
    }

    /** Who auth-service said the viewer is (registration's answer, /auth/me, a token's subject). */
    record IdentityRead(Viewer viewer, String login, UUID id, Answer answer) {
    }

    private final Set<Viewer> known = ConcurrentHashMap.newKeySet();
    private final Queue<Viewer> viewers = new ConcurrentLinkedQueue<>();
    private final Queue<Write> writes = new ConcurrentLinkedQueue<>();
    private final Queue<ListRead> lists = new ConcurrentLinkedQueue<>();
    private final Queue<FeedRead> feeds = new ConcurrentLinkedQueue<>();
    private final Queue<IdentityRead> identities = new ConcurrentLinkedQueue<>();

    /** A viewer whose account exists (once, however often its registration was tried). */
    void viewer(Viewer viewer) {
        if (known.add(viewer)) {
            viewers.add(viewer);
        }
    }

    void write(Write write) {
        writes.add(write);
    }

    void list(ListRead read) {
        lists.add(read);
    }

    void feed(FeedRead read) {
        feeds.add(read);
    }

    void identity(IdentityRead read) {
        identities.add(read);
    }

    List<Viewer> viewers() {
        return List.copyOf(viewers);
    }

    /** Every write, in the order they were sent. */
    List<Write> writes() {
        return writes.stream().sorted(Comparator.comparing(write -> write.answer().sent())).toList();
    }

    /** Each register's writes, in the order they were sent (one viewer sends one at a time). */
    Map<Key, List<Write>> byRegister() {
        return writes().stream().collect(Collectors.groupingBy(Write::key, Collectors.toList()));
    }

    List<ListRead> lists() {
        return List.copyOf(lists);
    }

    List<FeedRead> feeds() {
        return List.copyOf(feeds);
    }

    List<IdentityRead> identities() {
        return List.copyOf(identities);
    }
}
