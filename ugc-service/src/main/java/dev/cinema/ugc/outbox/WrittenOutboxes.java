package dev.cinema.ugc.outbox;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents this instance just gave an event, so that the relay reads them by {@code _id}
 * instead of searching the collection (mongo-java-server searches by scanning every document).
 * An id is added only after its write, so the relay reading it finds the event. Past
 * {@code LIMIT} ids (Kafka down for long) the ids are dropped and the relay searches once instead.
 */
@Component
public class WrittenOutboxes {

    static final int LIMIT = 100_000;

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private volatile boolean overflowed;

    public void written(String documentId) {
        if (ids.size() >= LIMIT) {
            overflowed = true;
            ids.clear();
            return;
        }
        ids.add(documentId);
    }

    /** Ids taken whose events could not be published (Kafka down): read by id again next time. */
    void giveBack(List<String> taken) {
        taken.forEach(this::written);
    }

    /** Up to {@code max} ids, removed from here: the relay owns them now. */
    List<String> take(int max) {
        List<String> taken = new ArrayList<>(Math.min(max, ids.size()));
        Iterator<String> iterator = ids.iterator();
        while (taken.size() < max && iterator.hasNext()) {
            taken.add(iterator.next());
            iterator.remove();
        }
        return taken;
    }

    /** Whether ids were dropped since the last call. */
    boolean takeOverflow() {
        boolean was = overflowed;
        overflowed = false;
        return was;
    }
}
