package dev.cinema.auth.token;

import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals the signing keys' private halves with AES-256-GCM under the key-encryption key, so that a
 * copy of the database or of a backup does not give the signing keys away. A sealed value reads
 * {@code aes-gcm.<kek id>.<nonce>.<ciphertext and tag>}: the id (a digest's first bytes, not the key)
 * says which key-encryption key sealed it, which lets the key be replaced while instances run; the
 * key id is bound to the value as associated data, so a sealed value moved to another row does not open.
 */
@Component
class KeyEncryption {

    private static final String SCHEME = "aes-gcm";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed value whose key-encryption key this instance was not given. */
    static final class UnknownKeyEncryptionKey extends RuntimeException {
        UnknownKeyEncryptionKey(String kekId) {
            super("sealed under key-encryption key " + kekId + ", which this instance does not have "
                    + "(AUTH_KEY_ENCRYPTION_KEY or AUTH_KEY_ENCRYPTION_KEY_PREVIOUS)");
        }
    }

    private final String currentId;
    /** Every key this instance may open with, by id; the current one first. */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    KeyEncryption(KeyEncryptionSettings settings) {
        byte[] current = read(settings.key(), settings.keyFile(), "AUTH_KEY_ENCRYPTION_KEY")
                .orElseThrow(() -> new IllegalStateException("auth-service needs a key-encryption key for its signing keys: set "
                        + "AUTH_KEY_ENCRYPTION_KEY (32 random bytes in base64: openssl rand -base64 32) or AUTH_KEY_ENCRYPTION_KEY_FILE "
                        + "(a file holding it); ./local_run.sh makes one under .local"));
        this.currentId = id(current);
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (byte[] previous : previous(settings)) {
            keys.putIfAbsent(id(previous), new SecretKeySpec(previous, "AES"));
        }
    }

    String seal(String kid, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, kid, secret);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return String.join(".", SCHEME, currentId, base64.encodeToString(nonce), base64.encodeToString(sealed));
    }

    /** Whether the value is sealed under the current key-encryption key (anything else is sealed again). */
    boolean isCurrent(String stored) {
        return stored.startsWith(SCHEME + "." + currentId + ".");
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(SCHEME + ".");
    }

    /** Opens a sealed value; fails with {@link UnknownKeyEncryptionKey} when its key is not one of ours. */
    byte[] open(String kid, String stored) {
        String[] parts = stored.split("\\.");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalStateException("signing key " + kid + ": its private key is not a sealed value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new UnknownKeyEncryptionKey(parts[1]);
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        return crypt(Cipher.DECRYPT_MODE, key, base64.decode(parts[2]), kid, base64.decode(parts[3]));
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, String kid, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
                    + ": " + e, e);
        }
    }

    private static List<byte[]> previous(KeyEncryptionSettings settings) {
        List<String> texts = new ArrayList<>();
        if (settings.previous() != null) {
            texts.addAll(Arrays.asList(settings.previous().split(",")));
        }
        if (settings.previousFile() != null && !settings.previousFile().isBlank()) {
            texts.addAll(lines(settings.previousFile()));
        }
        return texts.stream().map(String::strip).filter(text -> !text.isEmpty())
                .map(text -> decode(text, "AUTH_KEY_ENCRYPTION_KEY_PREVIOUS")).toList();
    }

    private static Optional<byte[]> read(String text, String file, String variable) {
        if (text != null && !text.isBlank()) {
            return Optional.of(decode(text.strip(), variable));
        }
        if (file != null && !file.isBlank()) {
            return lines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .map(line -> decode(line, variable + "_FILE"));
        }
        return Optional.empty();
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("the key-encryption key file " + file + " cannot be read", e);
        }
    }

    private static byte[] decode(String text, String variable) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(variable + " holds " + key.length + " bytes, not " + KEY_BYTES
                    + " (make one with: openssl rand -base64 32)");
        }
        return key;
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
