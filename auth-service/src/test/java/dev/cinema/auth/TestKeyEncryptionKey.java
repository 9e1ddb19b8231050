package dev.cinema.auth;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Gives every auth-service started in this test JVM one key-encryption key, made at random when the
 * JVM starts: a restarted context opens what the first sealed. It stands in for the environment
 * variable ({@code AUTH_KEY_ENCRYPTION_KEY}), so a test's own {@code auth.key-encryption.key} wins.
 */
public class TestKeyEncryptionKey implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String KEY = random();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("test-key-encryption-key", Map.of("AUTH_KEY_ENCRYPTION_KEY", KEY)));
    }

    public static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
