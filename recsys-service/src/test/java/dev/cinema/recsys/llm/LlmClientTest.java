package dev.cinema.recsys.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmClientTest {

    private static final Prompt PROMPT = Prompt.of(List.of(), List.of(), List.of(), List.of(), 20, 5);
    private static final LlmAnswer ANSWER = new LlmAnswer(null, "{}", LlmAnswer.Usage.NONE, LlmAnswer.TEXT);

    /** A provider that answers at once and notes when it was called. */
    private static final class Recording implements LlmProvider {
        final List<Instant> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public LlmAnswer complete(Prompt prompt) {
            calls.add(Instant.now());
            return ANSWER;
        }
    }

    private static LlmSettings settings(int requestsPerMinute, int concurrency) {
        return new LlmSettings("gigachat", 40, 20, 5, requestsPerMinute, concurrency, Duration.ofSeconds(5), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, 0, 0, null, null);
    }

    @Test
    void aBurstOfCallsIsSpacedEvenlyWithinTheRatePerMinute() {
        Recording provider = new Recording();
        LlmClient client = new LlmClient(provider, () -> true, settings(240, 8), new SimpleMeterRegistry());

        // eight at once, 240 a minute: one every 250 ms, not eight in the first instant
        Flux.range(0, 8).flatMap(call -> client.ask(PROMPT), 8).blockLast(Duration.ofSeconds(30));

        List<Instant> calls = provider.calls.stream().sorted().toList();
        assertThat(calls).hasSize(8);
        for (int call = 1; call < calls.size(); call++) {
            assertThat(Duration.between(calls.get(call - 1), calls.get(call))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void overBudgetNoCallIsMadeAndTheFailureSaysSo() {
        Recording provider = new Recording();
        AtomicInteger left = new AtomicInteger(2);
        LlmClient client = new LlmClient(provider, () -> left.getAndDecrement() > 0, settings(6000, 1), new SimpleMeterRegistry());

        client.ask(PROMPT).block();
        client.ask(PROMPT).block();

        assertThatThrownBy(() -> client.ask(PROMPT).block()).isInstanceOf(LlmFailure.OverBudget.class);
        assertThat(provider.calls).hasSize(2);
    }
}
