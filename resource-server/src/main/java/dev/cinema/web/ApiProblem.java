package dev.cinema.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.time.Duration;

/** An error a client can act on, rendered as RFC 9457 problem+json. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String type, String detail) {
        super(status, problem(status, type, detail), null);
    }

    /** A 429 that tells the client when to come back, in the body and in {@code Retry-After}. */
    public static ApiProblem tooManyRequests(String type, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, type, detail + "; retry after " + seconds + " s");
        problem.getBody().setProperty("retryAfterSeconds", seconds);
        problem.getHeaders().set("Retry-After", String.valueOf(seconds));
        return problem;
    }

    /** A 503: a server the service needs is down; {@code Retry-After} says when to try again. */
    public static ApiProblem unavailable(String type, String detail, Duration retryAfter) {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, type, detail);
        problem.getHeaders().set("Retry-After", String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return problem;
    }

    /** Whether a failure is a 503 answer: a server the service needs is down. */
    public static boolean isUnavailable(Throwable failure) {
        return failure instanceof ApiProblem problem && problem.getStatusCode().value() == 503;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://cinema.dev/problems/" + type));
        return problem;
    }
}
