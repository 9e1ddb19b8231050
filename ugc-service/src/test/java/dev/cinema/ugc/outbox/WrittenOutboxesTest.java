package dev.cinema.ugc.outbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WrittenOutboxesTest {

    private final WrittenOutboxes written = new WrittenOutboxes();

    @Test
    void idsAreTakenInTheOrderTheyWereWritten() {
        List.of("c", "a", "d", "b").forEach(written::written);

        assertThat(written.take(3)).containsExactly("c", "a", "d");
        assertThat(written.take(3)).containsExactly("b");
    }

    @Test
    void aDocumentWrittenAgainMovesBehindTheOthers() {
        List.of("a", "b", "c").forEach(written::written);
        written.written("a");

        assertThat(written.take(10)).containsExactly("b", "c", "a");
    }

    @Test
    void idsGivenBackComeBeforeTheOnesWrittenSince() {
        List.of("a", "b", "c").forEach(written::written);
        List<String> taken = written.take(2);
        written.written("d");

        written.giveBack(taken);

        assertThat(written.take(10)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void anIdGivenBackThatWasWrittenMeanwhileKeepsItsNewerPlace() {
        List.of("a", "b", "c").forEach(written::written);
        List<String> taken = written.take(2);
        written.written("a");

        written.giveBack(taken);

        assertThat(written.take(10)).containsExactly("b", "c", "a");
    }

    @Test
    void pastTheLimitTheIdsAreDroppedAndTheRelayToldToSearch() {
        for (int i = 0; i <= WrittenOutboxes.LIMIT; i++) {
            written.written("id" + i);
        }

        assertThat(written.takeOverflow()).isTrue();
        assertThat(written.takeOverflow()).as("told once").isFalse();
        assertThat(written.take(10)).isEmpty();
    }
}
