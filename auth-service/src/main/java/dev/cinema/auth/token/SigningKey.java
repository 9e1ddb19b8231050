package dev.cinema.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** One RSA key pair; {@code superseded} is when a newer key took over signing. */
record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey, Instant created, Instant superseded) {

    static SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new SigningKey(UUID.randomUUID().toString(), (RSAPrivateKey) pair.getPrivate(),
                    (RSAPublicKey) pair.getPublic(), now, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    /** A stored key: its private half as PKCS#8 bytes, its public half as base64 X.509. */
    static SigningKey decode(String kid, byte[] privateKey, String publicKey, Instant created, Instant superseded) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new SigningKey(kid, (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)),
                    publicKey(kid, publicKey), created, superseded);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be read", e);
        }
    }

    static RSAPublicKey publicKey(String kid, String publicKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be read", e);
        }
    }

    byte[] privateKeyBytes() {
        return privateKey.getEncoded();
    }

    String encodedPublicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The public half of a stored key (base64 X.509) as a JWK, as the JWKS endpoint and the local decoder see it. */
    static RSAKey publicJwk(String kid, String publicKey) {
        return new RSAKey.Builder(publicKey(kid, publicKey)).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
    }

    RSASSASigner signer() {
        return new RSASSASigner(privateKey);
    }
}
