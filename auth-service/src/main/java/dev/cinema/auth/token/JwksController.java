package dev.cinema.auth.token;

import dev.cinema.auth.account.AdminAudit;
import dev.cinema.security.JwtSupport;
import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

@RestController
class JwksController {

    private final SigningKeys keys;
    private final AdminAudit audit;

    JwksController(SigningKeys keys, AdminAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** Public keys only ({@code JWKSet.toString()} leaves private parts out). */
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toString(true));
    }

    @PostMapping("/api/v1/admin/keys/rotate")
    Mono<Map<String, String>> rotate(@AuthenticationPrincipal Jwt admin) {
        return keys.rotate()
                .flatMap(kid -> audit.record(JwtSupport.userId(admin), "signing-key-rotated", kid, null).thenReturn(Map.of("kid", kid)));
    }
}
