package dev.cinema.auth.web;

import dev.cinema.web.ApiProblem;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/**
 * PostgreSQL out of reach (stopped, restarting, its pool exhausted): a 503 problem the client can
 * retry, not a 500. Accounts and tokens are written in transactions, so nothing is half-done.
 */
@RestControllerAdvice
class DatabaseUnavailable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            R2dbcNonTransientResourceException.class, R2dbcTransientResourceException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception failure) {
        log.warn("PostgreSQL: {}", failure.toString());
        ApiProblem problem = ApiProblem.unavailable("storage-unavailable",
                "Accounts cannot be read or saved right now; nothing was changed. Please try again shortly.", RETRY_AFTER);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
    }
}
