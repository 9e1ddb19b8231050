package dev.cinema.ugc.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** An error a client can act on, rendered as RFC 9457 problem+json. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String type, String detail) {
        super(status, problem(status, type, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://cinema.dev/problems/" + type));
        return problem;
    }
}
