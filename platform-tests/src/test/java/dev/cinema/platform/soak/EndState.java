package dev.cinema.platform.soak;

import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.Stores.Votes;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The platform after the run, everything back up and the event pipeline drained (or the bound on
 * waiting for it reached).
 *
 * @param drainedAfter  how long after the last part came back the pipeline was drained (the bound when it was not)
 * @param pendingEvents events still in the viewers' outboxes in MongoDB when the waiting ended
 * @param lag           events on the topic recsys-service's consumer group had not committed then
 * @param mongo         each register's value in MongoDB
 * @param recsys        each register's value in recsys-service's profiles (absent: no row, so none)
 * @param logins        each registered viewer's login at the end
 * @param feeds         each viewer's feed at the end (absent when it was not answered 200)
 */
record EndState(boolean drained, Duration drainedAfter, long pendingEvents, long lag, Map<Key, String> mongo, Map<Key, String> recsys,
                Map<UUID, Votes> mongoVotes, Map<UUID, Votes> filmVotes, Map<Viewer, Answer> logins, Map<Viewer, History.FeedRead> feeds) {
}
