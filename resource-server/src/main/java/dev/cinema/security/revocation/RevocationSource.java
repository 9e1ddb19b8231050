package dev.cinema.security.revocation;

import reactor.core.publisher.Mono;

import java.time.Instant;

/** Where the revocations come from: auth-service's feed over HTTP, or auth-service's own database. */
public interface RevocationSource {

    /** The revocations made after {@code since}; every one that still matters when {@code since} is null. */
    Mono<RevocationBatch> since(Instant since);
}
