package dev.cinema.web;

import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error of every service as problem+json (registered by {@link ProblemDetailsAutoConfiguration}).
 * Bad input says what is wrong with it and never becomes a 500;
 * the body of a 500 never carries a stack trace or an exception message.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, ServerWebExchange exchange) {
        Map<String, String> errors = ex.getFieldErrors().stream().collect(Collectors.toMap(
                FieldError::getField, error -> String.valueOf(error.getDefaultMessage()), (first, second) -> first));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted().collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        if (hasCause(ex, DataBufferLimitException.class)) {
            return tooLarge().map(response -> ResponseEntity.status(response.getStatusCode()).body(response.getBody()));
        }
        String detail = hasCause(ex, DecodingException.class)
                ? "The request body is not valid JSON (in UTF-8) of the expected shape."
                : ex.getReason();
        return Mono.just(ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail)));
    }

    /**
     * A path variable that is there but blank ({@code /films/%20}) is converted to null, and Spring
     * takes that for a missing variable, a server error: it is the client's bad id.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerErrorException(ServerErrorException ex, HttpHeaders headers,
                                                                      HttpStatusCode status, ServerWebExchange exchange) {
        MethodParameter parameter = ex.getMethodParameter();
        if (parameter == null || !parameter.hasParameterAnnotation(PathVariable.class)) {
            return super.handleServerErrorException(ex, headers, status, exchange);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getReason() + ": is empty");
        problem.setTitle("Invalid request");
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<ProblemDetail>> tooLarge(DataBufferLimitException ex) {
        return tooLarge();
    }

    private static Mono<ResponseEntity<ProblemDetail>> tooLarge() {
        return Mono.just(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.")));
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
