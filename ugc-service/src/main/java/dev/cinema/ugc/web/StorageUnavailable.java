package dev.cinema.ugc.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketWriteException;
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
 * MongoDB out of reach: a 503 problem the client can retry, not a 500. A reaction and its event are
 * one update, done or not, so nothing is ever half-written; but whether it was done is known only
 * when the command never reached MongoDB whole: no server to send it to, no connection, or writing
 * it failed (storage-unavailable, "nothing was changed"). A command sent whose answer never came (a read timeout, a connection
 * broken mid-answer) may have been applied (storage-outcome-unknown): the client sends it again,
 * which PUT and DELETE make safe. The soak caught the difference: writes answered "nothing was
 * changed" after a read timeout were in MongoDB.
 */
@RestControllerAdvice
class StorageUnavailable {

    private static final Logger log = LoggerFactory.getLogger(StorageUnavailable.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception failure) {
        log.warn("MongoDB: {}", failure.toString());
        ApiProblem problem = neverSent(failure)
                ? new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                        "Reactions cannot be read or saved right now; nothing was changed. Please try again shortly.")
                : new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "storage-outcome-unknown",
                        "The storage did not answer in time; a change may or may not have been saved. Sending it again is safe.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem.getBody());
    }

    /**
     * Whether the failure came before MongoDB could have the whole command: selecting a server, taking
     * or opening a connection, writing the command to it.
     */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // MongoOperationTimeoutException (a MongoTimeoutException) may fire after the command was sent
            if (cause.getClass() == MongoTimeoutException.class || cause instanceof MongoSocketOpenException
                    || cause instanceof MongoSocketWriteException || cause instanceof MongoConnectionPoolClearedException) {
                return true;
            }
        }
        return false;
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
