package dev.cinema.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import dev.cinema.auth.AuthProperties;
import dev.cinema.auth.account.User;
import dev.cinema.security.JwtSupport;
import dev.cinema.security.revocation.RevocationList;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 access tokens: {@code sub} = user id, {@code sid} = the session, {@code ver} = the user's
 * token version, {@code roles}, {@code iss}, {@code aud}, {@code jti}.
 *
 * <p>{@code sub} comes first in the payload, so that the payload's first 60 base64url characters
 * ({@code {"sub":"<uuid>"}, 45 bytes) depend on the user alone: nginx, which cannot read a JWT, keys
 * its per-viewer rate limits on them.
 */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(User user, UUID sessionId) {
        Instant now = clock.instant();
        SigningKey key = keys.active();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id().toString());
        claims.put("iss", properties.issuer());
        claims.put("aud", properties.audience());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plus(properties.accessTokenTtl()).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put(RevocationList.SESSION_CLAIM, sessionId.toString());
        claims.put(RevocationList.VERSION_CLAIM, user.tokenVersion());
        claims.put(JwtSupport.ROLES_CLAIM, List.copyOf(user.roleNames()));
        claims.put("preferred_username", user.login());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
        JWSObject jwt = new JWSObject(header, new Payload(claims));
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
        return jwt.serialize();
    }

    public long ttlSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
