package dev.cinema.auth.token;

import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.cinema.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * The RSA keys that sign and verify access tokens, kept in PostgreSQL so that they survive
 * restarts and every auth instance shares them. The newest key signs; a superseded key keeps
 * verifying until the last token it signed has expired. Each instance re-reads the keys every
 * minute, so a rotation made by one reaches all.
 *
 * <p>The keys are loaded while the application context is made (after Flyway has made the table),
 * so before the web server listens: as an {@code ApplicationRunner} they came after it, and for a
 * moment after every start logins were 500s and tokens 401s.
 */
@Component
@DependsOnDatabaseInitialization
public class SigningKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Tokens may be checked by a clock slightly ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final DatabaseClient db;
    private final AuthProperties properties;
    private final Clock clock;
    private volatile KeySet current;

    SigningKeys(DatabaseClient db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    private record KeySet(SigningKey active, RSASSASigner signer, JWKSet publicJwks) {
    }

    /** Loads the keys before the first request, making the first key on a new database. */
    @Override
    public void afterPropertiesSet() {
        rotateIfDue().block(Duration.ofSeconds(30));
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void refresh() {
        rotateIfDue().subscribe(null, error -> log.warn("could not refresh the signing keys: {}", error.toString()));
    }

    /** Makes a new signing key now; the previous ones keep verifying the tokens they signed. */
    public Mono<String> rotate() {
        return Mono.fromCallable(() -> SigningKey.generate(clock.instant()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(key -> db.sql("UPDATE signing_key SET superseded = :now WHERE superseded IS NULL")
                        .bind("now", key.created())
                        .fetch().rowsUpdated()
                        .then(db.sql("INSERT INTO signing_key (kid, private_key, public_key, created) VALUES (:kid, :private, :public, :created)")
                                .bind("kid", key.kid())
                                .bind("private", key.encodedPrivateKey())
                                .bind("public", key.encodedPublicKey())
                                .bind("created", key.created())
                                .fetch().rowsUpdated())
                        .doOnSuccess(ignored -> log.info("new signing key {}", key.kid()))
                        .then(load())
                        .thenReturn(key.kid()));
    }

    private Mono<Void> rotateIfDue() {
        return load().then(Mono.defer(() -> {
            KeySet keys = current;
            boolean due = keys == null
                    || keys.active().created().plus(properties.keyRotationInterval()).isBefore(clock.instant());
            return due ? rotate().then() : Mono.empty();
        }));
    }

    private Mono<Void> load() {
        Instant oldestUseful = clock.instant().minus(properties.accessTokenTtl()).minus(CLOCK_SKEW);
        return db.sql("SELECT kid, private_key, public_key, created, superseded FROM signing_key "
                        + "WHERE superseded IS NULL OR superseded > :oldest ORDER BY created DESC")
                .bind("oldest", oldestUseful)
                .map(row -> SigningKey.decode(row.get("kid", String.class), row.get("private_key", String.class),
                        row.get("public_key", String.class), row.get("created", Instant.class), row.get("superseded", Instant.class)))
                .all()
                .collectList()
                .doOnNext(keys -> {
                    if (keys.isEmpty()) {
                        return;
                    }
                    SigningKey active = keys.stream().max(Comparator.comparing(SigningKey::created)).orElseThrow();
                    KeySet previous = current;
                    RSASSASigner signer = previous != null && previous.active().kid().equals(active.kid())
                            ? previous.signer() : active.signer();
                    current = new KeySet(active, signer,
                            new JWKSet(keys.stream().<JWK>map(SigningKey::publicJwk).toList()));
                })
                .then();
    }

    SigningKey active() {
        return keys().active();
    }

    RSASSASigner signer() {
        return keys().signer();
    }

    /** The public keys that verify tokens now: the JWKS document, and the local decoder's keys. */
    public JWKSet publicKeys() {
        return keys().publicJwks();
    }

    Flux<JWK> verificationKeys() {
        return Flux.fromIterable(keys().publicJwks().getKeys());
    }

    private KeySet keys() {
        KeySet keys = current;
        if (keys == null) {
            throw new IllegalStateException("the signing keys are not loaded yet");
        }
        return keys;
    }
}
