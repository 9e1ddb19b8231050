package dev.cinema.ugc.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.UUID;

/**
 * Whether a film is in the catalog (the {@code movies} index), remembered for a while: known films
 * for {@code knownFilmTtl}, unknown ones briefly, so a film the ETL just loaded soon counts. When
 * Elasticsearch cannot answer, the film is taken as known: a viewer's like is never refused
 * because the catalog is down.
 */
@Component
@EnableConfigurationProperties(FilmCatalog.Settings.class)
public class FilmCatalog {

    @ConfigurationProperties("ugc.catalog")
    record Settings(String elasticsearchUrl, String index, Duration knownFilmTtl, Duration unknownFilmTtl) {
    }

    private static final Logger log = LoggerFactory.getLogger(FilmCatalog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final WebClient elasticsearch;
    private final String index;
    private final Cache<UUID, Boolean> known;

    FilmCatalog(Settings settings) {
        this.elasticsearch = WebClient.builder().baseUrl(settings.elasticsearchUrl()).build();
        this.index = settings.index();
        this.known = Caffeine.newBuilder().maximumSize(200_000).expireAfter(new Expiry<UUID, Boolean>() {
            @Override
            public long expireAfterCreate(UUID film, Boolean exists, long now) {
                return (exists ? settings.knownFilmTtl() : settings.unknownFilmTtl()).toNanos();
            }

            @Override
            public long expireAfterUpdate(UUID film, Boolean exists, long now, long remaining) {
                return expireAfterCreate(film, exists, now);
            }

            @Override
            public long expireAfterRead(UUID film, Boolean exists, long now, long remaining) {
                return remaining;
            }
        }).build();
    }

    public Mono<Boolean> exists(UUID film) {
        Boolean cached = known.getIfPresent(film);
        if (cached != null) {
            return Mono.just(cached);
        }
        return elasticsearch.head().uri("/{index}/_doc/{id}", index, film)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return Mono.just(true);
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return Mono.just(false);
                    }
                    return Mono.error(new IllegalStateException("Elasticsearch answered " + response.statusCode()));
                })
                .timeout(TIMEOUT)
                .doOnNext(exists -> known.put(film, exists))
                .onErrorResume(unreachable -> {
                    log.warn("Cannot check film {} in the catalog ({}); accepting it", film, unreachable.toString());
                    return Mono.just(true);
                });
    }
}
