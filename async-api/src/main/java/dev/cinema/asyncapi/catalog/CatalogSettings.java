package dev.cinema.asyncapi.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param indices     the index names the catalog ETL writes
 * @param timeout     Elasticsearch slower than this answers 503
 * @param versionPoll how often the indices are asked whether they changed
 * @param filmsHold   a change of the films alone (vote counts, mostly) drops the cached answers at most this often
 * @param cache       the Redis cache of answers
 */
@ConfigurationProperties("catalog")
public record CatalogSettings(Indices indices, Duration timeout, Duration versionPoll, Duration filmsHold, Cache cache) {

    public record Indices(String movies, String genres, String persons) {
    }

    /**
     * @param ttl               how long an answer is kept (a catalog change drops it earlier)
     * @param redisTimeout      Redis slower than this counts as a failure
     * @param pauseAfterFailure after a Redis failure, answers skip Redis for this long
     * @param nearEntries       how many answers each instance also keeps in its own memory
     * @param nearTtl           the longest an answer stays in that memory
     */
    public record Cache(boolean enabled, Duration ttl, Duration redisTimeout, Duration pauseAfterFailure, long nearEntries, Duration nearTtl) {
    }
}
