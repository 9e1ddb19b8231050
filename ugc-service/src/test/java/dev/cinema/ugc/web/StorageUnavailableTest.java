package dev.cinema.ugc.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ServerId;
import com.mongodb.connection.ClusterId;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** "Nothing was changed" only when the command never left; a command whose answer was lost may have been applied. */
class StorageUnavailableTest {

    private static final ServerAddress MONGO = new ServerAddress("127.0.0.1", 27018);

    @Test
    void noServerOrNoConnectionMeansNothingWasChanged() {
        for (Exception failure : new Exception[] {
                new DataAccessResourceFailureException("selection", new MongoTimeoutException("Timed out while waiting for a server")),
                new DataAccessResourceFailureException("connect", new MongoSocketOpenException("Exception opening socket", MONGO, new IOException())),
                new DataAccessResourceFailureException("Exception sending message",
                        new MongoSocketWriteException("Exception sending message", MONGO, new IOException("Broken pipe"))),
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), MONGO), new IOException("another operation failed"))}) {
            assertThat(type(failure)).as(failure.toString()).isEqualTo("https://cinema.dev/problems/storage-unavailable");
        }
    }

    @Test
    void aCommandSentWhoseAnswerNeverCameHasAnUnknownOutcome() {
        for (Exception failure : new Exception[] {
                new DataAccessResourceFailureException("Timeout while receiving message",
                        new MongoSocketReadTimeoutException("Timeout while receiving message", MONGO, new SocketTimeoutException())),
                new DataAccessResourceFailureException("Exception receiving message",
                        new MongoSocketReadException("Exception receiving message", MONGO, new IOException())),
                new DataAccessResourceFailureException("operation timeout", new MongoOperationTimeoutException("timeoutMS expired"))}) {
            ResponseEntity<ProblemDetail> answer = new StorageUnavailable().unavailable(failure);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(type(failure)).as(failure.toString()).isEqualTo("https://cinema.dev/problems/storage-outcome-unknown");
        }
    }

    private static String type(Exception failure) {
        return String.valueOf(new StorageUnavailable().unavailable(failure).getBody().getType());
    }
}
