package dev.cinema.recsys;

import dev.cinema.recsys.ranking.RankingWeights;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param eventsTopic        ugc-service's reaction events
 * @param refreshDelay       a viewer's recommendations are computed again this long after a change
 *                           (changes in between are taken together)
 * @param refreshInterval    and in any case this long after the last time
 * @param refreshPoll        how often due viewers are looked for
 * @param refreshBatch       how many due viewers one instance claims at a time
 * @param refreshConcurrency how many viewers one instance refreshes at once
 * @param refreshSilence     an instance silent this long is taken for dead: the viewers it claimed are due again
 * @param recommendations    how many recommendations are kept per viewer
 * @param ranking            the constants of the ranking's score
 * @param votesFlush         how often changed vote counts are written into the films' documents
 */
@ConfigurationProperties("recsys")
public record RecsysSettings(String eventsTopic, Duration refreshDelay, Duration refreshInterval, Duration refreshPoll,
                             int refreshBatch, int refreshConcurrency, Duration refreshSilence, int recommendations, RankingWeights ranking,
                             Duration votesFlush) {
}
