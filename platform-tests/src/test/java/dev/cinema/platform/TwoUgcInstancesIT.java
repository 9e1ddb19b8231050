package dev.cinema.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ugc-service instances behind nginx ({@code UGC_INSTANCES=2}), which spreads a viewer's requests
 * over both: likes and un-likes of the same films sent many at once end in recsys-service as they
 * ended in MongoDB, whichever instance took each change and whichever published its event first
 * (each event carries the version its document got; recsys-service keeps the highest).
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): restarts ugc-service as two instances and nginx around them
@ExtendWith(Platform.class)
class TwoUgcInstancesIT {

    private static final Path ACCESS_LOG = Platform.LOGS.resolve("nginx-access.log");
    private static final int FILMS = 12;
    private static final int CHANGES_PER_FILM = 16;
    private static final Pattern UPSTREAM = Pattern.compile(" upstream=(\\S+) ");

    @BeforeAll
    static void secondInstance() {
        LocalRun.startSecondUgcInstance();
    }

    @AfterAll
    static void oneInstance() {
        LocalRun.stopSecondUgcInstance(); // the other tests see the platform as it starts
    }

    @Test
    void likesAndUnlikesSpreadOverBothInstancesEndInRecsysAsInMongoDb() throws Exception {
        String viewer = Http.newViewer();
        List<String> films = Catalog.films(FILMS);
        long logBefore = Files.size(ACCESS_LOG);
        Random random = new Random(42);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<Http.Answer>> sent = new ArrayList<>();
            for (int change = 0; change < CHANGES_PER_FILM; change++) {
                for (String film : films) {
                    boolean like = random.nextBoolean();
                    sent.add(senders.submit(() -> like ? Http.like(film, viewer) : unlike(film, viewer)));
                }
            }
            for (Future<Http.Answer> answer : sent) {
                Http.Answer done = answer.get();
                statuses.merge(done.status(), 1, Integer::sum);
                if (done.status() == 503) {
                    // a document many requests changed at once: ugc-service says nothing was written, and when to come back
                    assertThat(done.header("Retry-After")).as("a 503's Retry-After").isNotNull();
                }
            }
        }
        assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 204, 503);
        assertThat(upstreamsSince(logBefore, films)).as("the ugc-service instances nginx sent the changes to").hasSize(2);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(Catalog.knownToRecsys(viewer)).as("the films recsys-service holds as liked")
                        .isEqualTo(likedInMongoDb(viewer)));
        Report.line("two ugc-service instances behind nginx: %d likes and un-likes of %d films at once %s; recsys-service ends as MongoDB (%d liked)",
                FILMS * CHANGES_PER_FILM, FILMS, statuses, likedInMongoDb(viewer).size());
    }

    private static Http.Answer unlike(String film, String viewer) {
        return Http.send(Http.request("/api/v1/reactions/" + film).header("Authorization", "Bearer " + viewer).DELETE().build());
    }

    /** The films ugc-service answers the viewer likes: what MongoDB holds. */
    private static Set<String> likedInMongoDb(String viewer) {
        Set<String> liked = new HashSet<>();
        Http.get("/api/v1/reactions?page=0&size=100", viewer).json().get("items").forEach(reaction -> {
            if (reaction.get("value").asString().equals("LIKE")) {
                liked.add(reaction.get("filmId").asString());
            }
        });
        return liked;
    }

    /** The upstream addresses nginx's access log names for reactions to these films since it was {@code offset} bytes long. */
    private static Set<String> upstreamsSince(long offset, List<String> films) throws IOException {
        String added;
        try (SeekableByteChannel log = Files.newByteChannel(ACCESS_LOG); InputStream rest = Channels.newInputStream(log.position(offset))) {
            added = new String(rest.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> upstreams = new HashSet<>();
        added.lines().filter(line -> line.contains("/api/v1/reactions/") && films.stream().anyMatch(line::contains))
                .map(UPSTREAM::matcher).filter(Matcher::find).forEach(upstream -> upstreams.add(upstream.group(1)));
        return upstreams;
    }
}
