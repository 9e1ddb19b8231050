package dev.cinema.auth.revocation;

import dev.cinema.security.revocation.RevocationBatch;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * The revocation feed the services follow. Under {@code /internal/}, which nginx does not route (the
 * web page answers there): only what runs beside auth-service reads it. It names sessions and users
 * by id only, nothing a token could be made from.
 */
@RestController
class RevocationController {

    private final Revocations revocations;

    RevocationController(Revocations revocations) {
        this.revocations = revocations;
    }

    /** {@code since}: an ISO-8601 instant (a 400 problem otherwise); none: every revocation that still matters. */
    @GetMapping("/internal/v1/revocations")
    Mono<ResponseEntity<RevocationBatch>> since(@RequestParam(required = false) Instant since) {
        return revocations.since(since).map(batch -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(batch));
    }
}
