package dev.cinema.asyncapi.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param recsysUrl        recsys-service, asked for a signed-in viewer's recommendations
 * @param recsysTimeout    recsys-service slower than this: the viewer's last recommendations known
 * @param ugcUrl           ugc-service, asked for the films a signed-in viewer disliked or excluded: one address, or
 *                         every instance's, comma-separated
 * @param ugcTimeout       ugc-service slower than this: the viewer's hidden films last known
 * @param recommendations  how many recommendations head the feed (recsys-service answers at most 50: more would
 *                         be a 400 there, and every signed-in feed the ranking alone)
 * @param rankingTop       how many of the ranking's first films each instance keeps for signed-in viewers' feeds
 * @param lastKnownTtl     how long a viewer's last answers are kept to stand in for slow or failing services
 * @param lastKnownViewers how many viewers' last answers each instance also keeps in its memory
 */
@ConfigurationProperties("feed")
@Validated
public record FeedSettings(@NotBlank String recsysUrl, @NotNull Duration recsysTimeout, @NotBlank String ugcUrl,
                           @NotNull Duration ugcTimeout, @Min(1) @Max(50) int recommendations, @Min(0) int rankingTop,
                           @NotNull Duration lastKnownTtl, @Min(0) int lastKnownViewers) {
}
