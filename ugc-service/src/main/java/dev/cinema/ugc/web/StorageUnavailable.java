package dev.cinema.ugc.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.cinema.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * MongoDB out of reach: a 503 problem the client can retry, not a 500. Nothing was half-written:
 * a reaction and its event are one update, done or not.
 */
@RestControllerAdvice
class StorageUnavailable {

    private static final Logger log = LoggerFactory.getLogger(StorageUnavailable.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception failure) {
        log.warn("MongoDB: {}", failure.toString());
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                "Reactions cannot be read or saved right now; nothing was changed. Please try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem.getBody());
    }

    /** Other instances kept changing the same document while this one tried: nothing was written. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> contended(OptimisticLockingFailureException failure) {
        log.warn("MongoDB: {}", failure.getMessage());
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "storage-contended",
                "This reaction was being changed from elsewhere at the same moment; nothing was changed. Please try again.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem.getBody());
    }
}
