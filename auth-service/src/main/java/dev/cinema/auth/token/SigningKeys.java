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
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The RSA keys that sign and verify access tokens, kept in PostgreSQL so that they survive
 * restarts and every auth instance shares them, their private halves sealed under the key-encryption
 * key ({@link KeyEncryption}). The newest key signs; a superseded key keeps verifying until the last
 * token it signed has expired, and is then deleted. Each instance re-reads the keys every minute, so
 * a rotation made by one reaches all; and seals again under its key-encryption key whatever another
 * key (or none, before sealing) sealed, so that replacing that key needs no downtime: an instance
 * not yet given the new key keeps signing with the key it holds, and verifies with every public half.
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
    /** How often each instance re-reads the keys (the schedule below reads it too). */
    private static final String RELOAD_EVERY = "PT1M";
    private static final Duration RELOAD_INTERVAL = Duration.parse(RELOAD_EVERY);

    private final DatabaseClient db;
    private final KeyEncryption encryption;
    private final AuthProperties properties;
    private final Clock clock;
    private volatile KeySet current;

    SigningKeys(DatabaseClient db, KeyEncryption encryption, AuthProperties properties, Clock clock) {
        this.db = db;
        this.encryption = encryption;
        this.properties = properties;
        this.clock = clock;
    }

    private record KeySet(SigningKey active, RSASSASigner signer, JWKSet publicJwks) {
    }

    /** A row of {@code signing_key}: the private half as stored (sealed, or plain base64 PKCS#8 from before sealing). */
    private record StoredKey(String kid, String privateKey, String publicKey, Instant created, Instant superseded) {
    }

    /** Loads the keys before the first request, making the first key on a new database. */
    @Override
    public void afterPropertiesSet() {
        rotateIfDue().block(Duration.ofSeconds(30));
    }

    @Scheduled(initialDelayString = RELOAD_EVERY, fixedDelayString = RELOAD_EVERY)
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
                                .bind("private", encryption.seal(key.kid(), key.privateKeyBytes()))
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
        // another instance may go on signing with a superseded key until its next reload, a minute later
        Instant oldestUseful = clock.instant().minus(properties.accessTokenTtl()).minus(CLOCK_SKEW).minus(RELOAD_INTERVAL);
        return db.sql("DELETE FROM signing_key WHERE superseded <= :oldest")
                .bind("oldest", oldestUseful)
                .fetch().rowsUpdated()
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("deleted {} retired signing keys: no token they signed can still be valid", deleted);
                    }
                })
                .thenMany(db.sql("SELECT kid, private_key, public_key, created, superseded FROM signing_key ORDER BY created DESC")
                        .map(row -> new StoredKey(row.get("kid", String.class), row.get("private_key", String.class),
                                row.get("public_key", String.class), row.get("created", Instant.class), row.get("superseded", Instant.class)))
                        .all())
                .collectList()
                .flatMap(keys -> {
                    if (keys.isEmpty()) {
                        return Mono.empty();
                    }
                    use(keys);
                    return sealAgain(keys);
                });
    }

    /** The newest key signs (opened only when it changed); every key's public half verifies. */
    private void use(List<StoredKey> keys) {
        StoredKey newest = keys.stream().max(Comparator.comparing(StoredKey::created)).orElseThrow();
        JWKSet jwks = new JWKSet(keys.stream().<JWK>map(key -> SigningKey.publicJwk(key.kid(), key.publicKey())).toList());
        KeySet previous = current;
        if (previous != null && previous.active().kid().equals(newest.kid())) {
            current = new KeySet(previous.active(), previous.signer(), jwks);
            return;
        }
        try {
            SigningKey active = SigningKey.decode(newest.kid(), privateKey(newest), newest.publicKey(), newest.created(), newest.superseded());
            current = new KeySet(active, active.signer(), jwks);
        } catch (KeyEncryption.UnknownKeyEncryptionKey e) {
            if (previous == null) {
                throw new IllegalStateException("the signing key " + newest.kid() + " cannot be opened: " + e.getMessage(), e);
            }
            log.warn("the newest signing key {} cannot be opened here ({}); signing on with {}", newest.kid(), e.getMessage(),
                    previous.active().kid());
            current = new KeySet(previous.active(), previous.signer(), jwks);
        }
    }

    /** Seals again under the current key-encryption key each key sealed under another one, or not sealed at all. */
    private Mono<Void> sealAgain(List<StoredKey> keys) {
        return Flux.fromIterable(keys)
                .filter(key -> !encryption.isCurrent(key.privateKey()))
                .concatMap(key -> {
                    byte[] secret;
                    try {
                        secret = privateKey(key);
                    } catch (KeyEncryption.UnknownKeyEncryptionKey e) {
                        log.warn("signing key {} is left as it is: {}", key.kid(), e.getMessage());
                        return Mono.empty();
                    }
                    // only if no other instance changed it meanwhile
                    return db.sql("UPDATE signing_key SET private_key = :sealed WHERE kid = :kid AND private_key = :stored")
                            .bind("sealed", encryption.seal(key.kid(), secret))
                            .bind("kid", key.kid())
                            .bind("stored", key.privateKey())
                            .fetch().rowsUpdated()
                            .doOnNext(updated -> {
                                if (updated > 0) {
                                    log.info("signing key {} sealed under the current key-encryption key", key.kid());
                                }
                            });
                })
                .then();
    }

    private byte[] privateKey(StoredKey key) {
        return KeyEncryption.isSealed(key.privateKey())
                ? encryption.open(key.kid(), key.privateKey())
                : Base64.getDecoder().decode(key.privateKey());
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
