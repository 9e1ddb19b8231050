package dev.cinema.auth.token;

import dev.cinema.auth.AuthClient;
import dev.cinema.auth.AuthIntegrationTest;
import dev.cinema.auth.AuthProperties;
import dev.cinema.auth.TestKeyEncryptionKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing keys' private halves are sealed in the database, can move to a new key-encryption key, and go once retired. */
@AuthIntegrationTest
class KeysAtRestIT {

    private static final String SERVICE_KEK = TestKeyEncryptionKey.KEY;

    @Autowired
    WebTestClient client;
    @Autowired
    DatabaseClient db;
    @Autowired
    AuthProperties properties;

    @Test
    void thePrivateKeyColumnHoldsNoPkcs8() {
        started(SERVICE_KEK, null);

        List<String> stored = privateKeys();
        assertThat(stored).isNotEmpty().allSatisfy(value -> {
            assertThat(value).startsWith("aes-gcm.");
            assertThat(isPkcs8(value)).as("readable as a private key: " + value.substring(0, 12)).isFalse();
            for (String part : value.split("\\.")) {
                assertThat(isPkcs8(part)).isFalse();
            }
        });
    }

    @Test
    void aKeyStoredBeforeSealingIsSealedAtTheNextStartAndStillSigns() throws Exception {
        SigningKey old = SigningKey.generate(Instant.now().minusSeconds(60));
        db.sql("INSERT INTO signing_key (kid, private_key, public_key, created, superseded) VALUES (:kid, :private, :public, :created, :superseded)")
                .bind("kid", old.kid())
                .bind("private", Base64.getEncoder().encodeToString(old.privateKeyBytes()))
                .bind("public", old.encodedPublicKey())
                .bind("created", old.created())
                .bind("superseded", Instant.now())
                .fetch().rowsUpdated().block();

        started(SERVICE_KEK, null);

        String sealed = privateKeyOf(old.kid());
        assertThat(sealed).startsWith("aes-gcm.");
        byte[] opened = new KeyEncryption(new KeyEncryptionSettings(SERVICE_KEK, null, null, null)).open(old.kid(), sealed);
        assertThat(opened).isEqualTo(old.privateKeyBytes());
    }

    @Test
    void theKeyEncryptionKeyIsReplacedWhileTheServiceRunsAndTheOldOneIsThenNotNeeded() {
        String newKek = TestKeyEncryptionKey.random();
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("kek");
        auth.register(login, "correct horse battery");
        try {
            // an instance given the new key, the old one as previous, seals everything again under the new one
            started(newKek, SERVICE_KEK);
            KeyEncryption onlyNew = new KeyEncryption(new KeyEncryptionSettings(newKek, null, null, null));
            assertThat(privateKeys()).allSatisfy(value -> assertThat(onlyNew.isCurrent(value)).isTrue());

            // the running service, which has only the old key, goes on signing tokens that verify
            String token = (String) auth.tokens(login, "correct horse battery").get("access_token");
            auth.get("/api/v1/auth/me", token).expectStatus().isOk();

            // and an instance given only the new key starts and signs
            assertThat(started(newKek, null).active().kid()).isNotBlank();
        } finally {
            started(SERVICE_KEK, newKek); // the other tests' instances have only the service's key
        }
        assertThat(privateKeys()).allSatisfy(value ->
                assertThat(new KeyEncryption(new KeyEncryptionSettings(SERVICE_KEK, null, null, null)).isCurrent(value)).isTrue());
    }

    @Test
    void anInstanceWithAWrongKeyEncryptionKeyRefusesToStartSayingWhy() {
        SigningKeys wrong = new SigningKeys(db, new KeyEncryption(new KeyEncryptionSettings(TestKeyEncryptionKey.random(), null, null, null)),
                properties, Clock.systemUTC());

        assertThatThrownBy(wrong::afterPropertiesSet).hasMessageContaining("cannot be opened")
                .hasMessageContaining("AUTH_KEY_ENCRYPTION_KEY");
    }

    @Test
    void withoutAKeyEncryptionKeyTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new KeyEncryption(new KeyEncryptionSettings(null, null, null, null)))
                .hasMessageContaining("AUTH_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new KeyEncryption(new KeyEncryptionSettings("c2hvcnQ=", null, null, null)))
                .hasMessageContaining("not 32");
    }

    @Test
    void aRetiredKeyIsDeletedOnceNoTokenItSignedCanStillBeValid() {
        SigningKey retired = SigningKey.generate(Instant.now().minus(Duration.ofDays(2)));
        KeyEncryption encryption = new KeyEncryption(new KeyEncryptionSettings(SERVICE_KEK, null, null, null));
        Instant supersededLongAgo = Instant.now().minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(3));
        insert(retired, encryption.seal(retired.kid(), retired.privateKeyBytes()), supersededLongAgo);
        SigningKey stillVerifying = SigningKey.generate(Instant.now().minus(Duration.ofDays(1)));
        insert(stillVerifying, encryption.seal(stillVerifying.kid(), stillVerifying.privateKeyBytes()), Instant.now().minusSeconds(30));

        SigningKeys keys = started(SERVICE_KEK, null);

        assertThat(privateKeyOf(retired.kid())).as("the retired key's row").isNull();
        assertThat(keys.publicKeys().getKeyByKeyId(retired.kid())).isNull();
        assertThat(keys.publicKeys().getKeyByKeyId(stillVerifying.kid())).isNotNull();
    }

    private void insert(SigningKey key, String sealed, Instant superseded) {
        db.sql("INSERT INTO signing_key (kid, private_key, public_key, created, superseded) VALUES (:kid, :private, :public, :created, :superseded)")
                .bind("kid", key.kid())
                .bind("private", sealed)
                .bind("public", key.encodedPublicKey())
                .bind("created", key.created())
                .bind("superseded", superseded)
                .fetch().rowsUpdated().block();
    }

    private SigningKeys started(String kek, String previous) {
        SigningKeys instance = new SigningKeys(db, new KeyEncryption(new KeyEncryptionSettings(kek, null, previous, null)),
                properties, Clock.systemUTC());
        instance.afterPropertiesSet();
        return instance;
    }

    private List<String> privateKeys() {
        return db.sql("SELECT private_key FROM signing_key").map(row -> row.get("private_key", String.class)).all().collectList().block();
    }

    private String privateKeyOf(String kid) {
        return db.sql("SELECT private_key FROM signing_key WHERE kid = :kid").bind("kid", kid)
                .map(row -> row.get("private_key", String.class)).one().block();
    }

    private static boolean isPkcs8(String text) {
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(text)));
                return true;
            } catch (Exception notAKey) {
                // not base64, or not a key: what a sealed value should look like
            }
        }
        return false;
    }
}
