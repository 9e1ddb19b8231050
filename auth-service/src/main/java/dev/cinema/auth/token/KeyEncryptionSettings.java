package dev.cinema.auth.token;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key-encryption key that seals the signing keys' private halves in the database: 32 random bytes
 * in base64 ({@code openssl rand -base64 32}), given as text or in a file (a Docker secret).
 *
 * @param key          {@code AUTH_KEY_ENCRYPTION_KEY}
 * @param keyFile      {@code AUTH_KEY_ENCRYPTION_KEY_FILE}
 * @param previous     {@code AUTH_KEY_ENCRYPTION_KEY_PREVIOUS}: keys replaced by {@code key}, comma-separated, still
 *                     read; what they sealed is sealed again under {@code key} at start and every minute
 * @param previousFile {@code AUTH_KEY_ENCRYPTION_KEY_PREVIOUS_FILE}: the same, one per line
 */
@ConfigurationProperties("auth.key-encryption")
record KeyEncryptionSettings(String key, String keyFile, String previous, String previousFile) {
}
