package dev.cinema.asyncapi;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link FeedIT} again with a kept ranking top of 4 films in a catalog of 8: the signed-in pages
 * cut from the top and those past it (asked of Elasticsearch) answer the same films and totals.
 */
@AsyncApiIntegrationTest
@TestPropertySource(properties = "feed.ranking-top=4")
class FeedPastTheRankingTopIT extends FeedIT {
}
