package dev.cinema.asyncapi.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param recsysUrl       recsys-service, asked for a signed-in viewer's recommendations
 * @param recsysTimeout   recsys-service slower than this: the feed is the ranking
 * @param recommendations how many recommendations head the feed
 * @param rankingTop      how many of the ranking's first films each instance keeps for signed-in viewers' feeds
 */
@ConfigurationProperties("feed")
public record FeedSettings(String recsysUrl, Duration recsysTimeout, int recommendations, int rankingTop) {
}
