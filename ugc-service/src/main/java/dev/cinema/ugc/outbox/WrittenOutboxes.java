package dev.cinema.ugc.outbox;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The documents this instance just gave an event, so that the relay reads them by {@code _id}
 * instead of searching the collection (mongo-java-server searches by scanning every document).
 * An id is added only after its write, so the relay reading it finds the event. The ids are kept
 * in the order of their latest write and taken oldest first: a round publishes only events older
 * than those left for the next, so a viewer's events keep their order across rounds. Past
 * {@code LIMIT} ids (Kafka down for long) the ids are dropped and the relay searches once instead.
 */
@Component
public class WrittenOutboxes {

    static final int LIMIT = 100_000;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private boolean overflowed;

    public synchronized void written(String documentId) {
        if (ids.size() >= LIMIT) {
            overflowed = true;
            ids.clear();
            return;
        }
        // A document written again moves to the end: its pending event is now the newest.
        ids.addLast(documentId);
    }

    /**
     * Ids taken whose events could not be published (Kafka down): they go back in front, being older
     * than every id written since, unless written again meanwhile (then their place is at the end).
     */
    synchronized void giveBack(List<String> taken) {
        for (String id : taken.reversed()) {
            if (ids.size() >= LIMIT) {
                overflowed = true;
            } else if (!ids.contains(id)) {
                ids.addFirst(id);
            }
        }
    }

    /** Up to {@code max} ids, the oldest written, removed from here: the relay owns them now. */
    synchronized List<String> take(int max) {
        List<String> taken = new ArrayList<>(Math.min(max, ids.size()));
        Iterator<String> iterator = ids.iterator();
        while (taken.size() < max && iterator.hasNext()) {
            taken.add(iterator.next());
            iterator.remove();
        }
        return taken;
    }

    /** Whether ids were dropped since the last call. */
    synchronized boolean takeOverflow() {
        boolean was = overflowed;
        overflowed = false;
        return was;
    }
}
