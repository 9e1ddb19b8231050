package dev.cinema.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cinema.auth.AuthProperties;
import dev.cinema.security.JwtSupport;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs RS256 access tokens: {@code sub} = user id, {@code roles}, {@code iss}, {@code aud}, {@code jti}. */
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

    public String issue(UUID userId, String login, Collection<String> roles) {
        Instant now = clock.instant();
        SigningKey key = keys.active();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(properties.issuer())
                .audience(properties.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim(JwtSupport.ROLES_CLAIM, List.copyOf(roles))
                .claim("preferred_username", login)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
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
