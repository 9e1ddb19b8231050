package dev.cinema.etl.elastic;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * Calls Elasticsearch again, with exponential backoff, while it is unreachable or answers 429 or
 * 5xx, for at most {@code retryFor}; then gives up with {@link ElasticsearchUnavailable}.
 */
final class Retrying {

    private static final Logger log = LoggerFactory.getLogger(Retrying.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    @FunctionalInterface
    interface Call<T> {
        T call() throws IOException;
    }

    static final class ElasticsearchUnavailable extends RuntimeException {
        ElasticsearchUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Elasticsearch answered, and said no (a 4xx other than 429): calling again would not help. */
    static final class ElasticsearchRefused extends RuntimeException {
        ElasticsearchRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Duration retryFor;

    Retrying(Duration retryFor) {
        this.retryFor = retryFor;
    }

    <T> T call(String what, Call<T> call) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration pause = FIRST_PAUSE;
        boolean warned = false;
        while (true) {
            try {
                T result = call.call();
                if (warned) {
                    log.info("Elasticsearch answers again; {} went through", what);
                }
                return result;
            } catch (IOException | ElasticsearchException e) {
                if (!isTransient(e)) {
                    throw new ElasticsearchRefused(what + ": " + e.getMessage(), e);
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new ElasticsearchUnavailable("Elasticsearch did not answer " + what + " for " + retryFor.toSeconds()
                            + " s: " + e.getMessage(), e);
                }
                if (!warned) {
                    log.warn("Elasticsearch cannot take {} ({}); retrying for up to {} s", what, e.getMessage(), retryFor.toSeconds());
                    warned = true;
                }
                pause(pause);
                pause = longer(pause);
            }
        }
    }

    /** The pause after this one: twice as long, at most {@code LONGEST_PAUSE}. */
    static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }

    /** Waits before a retry; a 429 answered inside a bulk response also comes through here. */
    void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailable("interrupted while waiting for Elasticsearch", e);
        }
    }

    private static boolean isTransient(Exception e) {
        int status = switch (e) {
            case ElasticsearchException refused -> refused.status();
            case ResponseException refused -> refused.getResponse().getStatusCode();
            default -> 503; // no answer at all: down, restarting, or unreachable
        };
        return status == 429 || status >= 500;
    }
}
