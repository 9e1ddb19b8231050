package dev.cinema.asyncapi.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogVersionTest {

    private static final Duration HOLD = Duration.ofSeconds(10);

    private final CatalogVersion version = new CatalogVersion(null, new CatalogSettings(
            new CatalogSettings.Indices("movies", "genres", "persons"), Duration.ofMillis(900), Duration.ofSeconds(1), HOLD, null));

    private long seconds;

    @Test
    void theFirstVersionSeenIsTakenAtOnce() {
        see("genres/1", "films/1");
        assertThat(version.current()).isEqualTo(versionOf("genres/1", "films/1"));
    }

    @Test
    void aChangeIsTakenOnceElasticsearchSurelyRefreshed() {
        see("genres/1", "films/1");
        tick(20);
        see("genres/1", "films/2");
        assertThat(version.current()).as("just written: maybe not searchable yet").isEqualTo(versionOf("genres/1", "films/1"));
        tick(1);
        see("genres/1", "films/2");
        assertThat(version.current()).isEqualTo(versionOf("genres/1", "films/1"));
        tick(1);
        see("genres/1", "films/2");
        assertThat(version.current()).isEqualTo(versionOf("genres/1", "films/2"));
    }

    @Test
    void filmsChangingEveryTwoSecondsDropTheCachedAnswersOnlyOnceInAHold() {
        see("genres/1", "films/0");
        List<String> adopted = new ArrayList<>(List.of(version.current()));
        for (int second = 1; second <= 60; second++) {
            tick(1);
            see("genres/1", "films/" + second / 2);
            if (!version.current().equals(adopted.getLast())) {
                adopted.add(version.current());
            }
        }
        assertThat(adopted).as("one new version per hold (10 s), not one per vote write (2 s)").hasSizeBetween(6, 7);
        assertThat(adopted.getLast()).as("the newest settled one, not the oldest waiting")
                .isIn(versionOf("genres/1", "films/29"), versionOf("genres/1", "films/30"), versionOf("genres/1", "films/28"));
    }

    @Test
    void anEtlWriteToGenresOrPersonsOrARecreatedIndexIsNotHeld() {
        see("genres/1", "films/1");
        tick(2);
        see("genres/2", "films/1");
        tick(2);
        see("genres/2", "films/1");
        assertThat(version.current()).as("4 s after the last one, within the hold").isEqualTo(versionOf("genres/2", "films/1"));
    }

    private void see(String rest, String films) {
        version.seen(new CatalogVersion.Snapshot(rest, films), Duration.ofSeconds(seconds).toNanos());
    }

    private void tick(int elapsed) {
        seconds += elapsed;
    }

    private static String versionOf(String rest, String films) {
        return new CatalogVersion.Snapshot(rest, films).version();
    }
}
