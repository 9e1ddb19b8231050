package dev.cinema.auth.token;

import com.nimbusds.jwt.SignedJWT;
import dev.cinema.auth.AuthClient;
import dev.cinema.auth.AuthIntegrationTest;
import dev.cinema.auth.AuthServiceApplication;
import dev.cinema.auth.TestKeyEncryptionKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class KeyRotationIT {

    @Autowired
    WebTestClient client;
    @Autowired
    SigningKeys keys;
    @Autowired
    DatabaseClient db;
    @Autowired
    dev.cinema.auth.AuthProperties properties;

    @Test
    @SuppressWarnings("unchecked")
    void afterARotationNewTokensUseTheNewKeyAndOldTokensStillVerify() throws Exception {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("rotation");
        auth.register(login, "correct horse battery");
        String before = (String) auth.tokens(login, "correct horse battery").get("access_token");
        String adminToken = (String) auth.tokens(AuthIntegrationTest.ADMIN_LOGIN, AuthIntegrationTest.ADMIN_PASSWORD).get("access_token");

        String newKid = (String) client.post().uri("/api/v1/admin/keys/rotate").header("Authorization", "Bearer " + adminToken)
                .exchange().expectStatus().isOk().expectBody(AuthClient.json()).returnResult().getResponseBody().get("kid");

        String after = (String) auth.tokens(login, "correct horse battery").get("access_token");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(oldKid).isNotEqualTo(newKid);
        auth.get("/api/v1/auth/me", before).expectStatus().isOk();
        auth.get("/api/v1/auth/me", after).expectStatus().isOk();
        client.get().uri("/.well-known/jwks.json").exchange().expectBody()
                .jsonPath("$.keys[*].kid").value(kids -> assertThat((List<Object>) kids)
                        .contains(newKid, oldKid));
    }

    @Test
    void theKeysSurviveARestartOfTheService() {
        SigningKeys beforeRestart = started();

        SigningKeys afterRestart = started();

        assertThat(afterRestart.active().kid()).isEqualTo(beforeRestart.active().kid());
        assertThat(afterRestart.publicKeys().toString()).isEqualTo(beforeRestart.publicKeys().toString());
    }

    /** The moment the web server listens, a request may come: the keys that sign and verify must be there already. */
    @Test
    void theKeysAreLoadedBeforeTheWebServerListens() {
        AtomicReference<String> atFirstListen = new AtomicReference<>();
        ApplicationListener<WebServerInitializedEvent> listening = event -> {
            try {
                atFirstListen.set(event.getApplicationContext().getBean(SigningKeys.class).active().kid());
            } catch (IllegalStateException notLoaded) {
                atFirstListen.set("not loaded: " + notLoaded.getMessage());
            }
        };
        // Arguments, not default properties: those would lose to application.yml's port.
        try (ConfigurableApplicationContext another = new SpringApplicationBuilder(AuthServiceApplication.class)
                .listeners(listening).run("--server.port=0")) {
            assertThat(atFirstListen.get()).as("the active key when the server began to listen")
                    .isEqualTo(another.getBean(SigningKeys.class).active().kid());
        }
    }

    private SigningKeys started() {
        SigningKeys instance = new SigningKeys(db, new KeyEncryption(new KeyEncryptionSettings(TestKeyEncryptionKey.KEY, null, null, null)),
                properties, Clock.systemUTC());
        instance.afterPropertiesSet();
        return instance;
    }

    @Test
    void aKeyOlderThanTheRotationIntervalIsReplacedAtStart() {
        String active = started().active().kid();
        db.sql("UPDATE signing_key SET created = created - make_interval(secs => :seconds)")
                .bind("seconds", (double) properties.keyRotationInterval().plus(Duration.ofHours(1)).toSeconds())
                .fetch().rowsUpdated().block();

        SigningKeys restarted = started();

        assertThat(restarted.active().kid()).isNotEqualTo(active);
        assertThat(restarted.publicKeys().getKeyByKeyId(active)).as("the old key still verifies its tokens").isNotNull();
        keys.afterPropertiesSet(); // the service's own instance takes the new key now rather than within a minute
    }
}
