package dev.cinema.ugc.reaction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * MongoDB out of reach fails a request within {@code ugc.mongo-timeout} (a 503) instead of the
 * driver's 30 s of looking for a server, which would outlast every client's patience.
 */
@Configuration
class MongoTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer failFast(@Value("${ugc.mongo-timeout:2s}") Duration timeout) {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) timeout.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS));
    }
}
