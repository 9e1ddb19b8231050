package dev.cinema.recsys.llm;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daily budgets of calls and tokens ({@code recsys.llm.daily-calls}, {@code daily-tokens}),
 * shared by every instance through one row per day (UTC) in PostgreSQL: a call is reserved before
 * it is made, in one statement that refuses it once either budget is spent, and its tokens are
 * added from the answer's {@code usage}. A call can thus cross the token budget by its own tokens,
 * never start after it. What is left is a gauge ({@code recsys.llm.budget.left}).
 */
@Component
class LlmBudget {

    private final DatabaseClient db;
    private final LlmSettings settings;
    private final AtomicLong callsLeft = new AtomicLong();
    private final AtomicLong tokensLeft = new AtomicLong();

    LlmBudget(DatabaseClient db, LlmSettings settings, MeterRegistry meters) {
        this.db = db;
        this.settings = settings;
        callsLeft.set(settings.dailyCalls());
        tokensLeft.set(settings.dailyTokens());
        Gauge.builder("recsys.llm.budget.left", callsLeft, AtomicLong::get).tag("kind", "calls").register(meters);
        Gauge.builder("recsys.llm.budget.left", tokensLeft, AtomicLong::get).tag("kind", "tokens").register(meters);
    }

    /** True when a call may be made (and is now counted); false when today's budget is spent. */
    Mono<Boolean> reserveCall() {
        if (settings.dailyCalls() <= 0 || settings.dailyTokens() <= 0) {
            return Mono.just(false);
        }
        return db.sql("""
                        INSERT INTO llm_budget (day, calls, tokens) VALUES ((now() AT TIME ZONE 'UTC')::date, 1, 0)
                        ON CONFLICT (day) DO UPDATE SET calls = llm_budget.calls + 1
                        WHERE llm_budget.calls < :calls AND llm_budget.tokens < :tokens
                        RETURNING calls, tokens""")
                .bind("calls", settings.dailyCalls()).bind("tokens", settings.dailyTokens())
                .map(this::seen)
                .one()
                .map(reserved -> true)
                .defaultIfEmpty(false);
    }

    /** {@link #reserveCall()} for a thread that may block (the LLM's calls are made on such threads); a database that does not answer fails the call. */
    boolean reserveCallNow() {
        try {
            return Boolean.TRUE.equals(reserveCall().block(Duration.ofSeconds(5)));
        } catch (RuntimeException failure) {
            throw new LlmFailure.Unavailable("the budget could not be read: " + failure);
        }
    }

    Mono<Void> spent(long tokens) {
        return db.sql("""
                        UPDATE llm_budget SET tokens = tokens + :tokens WHERE day = (now() AT TIME ZONE 'UTC')::date
                        RETURNING calls, tokens""")
                .bind("tokens", tokens)
                .map(this::seen)
                .all().then();
    }

    /** What today's row says is left, into the gauges; the row's calls. */
    private int seen(Readable row) {
        int calls = row.get("calls", Integer.class);
        callsLeft.set(Math.max(0, settings.dailyCalls() - calls));
        tokensLeft.set(Math.max(0, settings.dailyTokens() - row.get("tokens", Long.class)));
        return calls;
    }
}
