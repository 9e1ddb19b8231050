package dev.cinema.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every error of every service as problem+json (registered by {@link ProblemDetailsAutoConfiguration}).
 * Bad input says what is wrong with it and never becomes a 500;
 * the body of a 500 never carries a stack trace or an exception message.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final List<Class<? extends Annotation>> NAMED_VALUES = List.of(RequestParam.class, PathVariable.class, RequestHeader.class);
    /** How much of a refused value the answer repeats. */
    private static final int SHOWN = 24;

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
        TypeMismatchException mismatch = cause(ex, TypeMismatchException.class);
        String detail = hasCause(ex, DecodingException.class)
                ? "The request body is not valid JSON (in UTF-8) of the expected shape."
                : mismatch != null && ex.getMethodParameter() != null ? mismatch(ex.getMethodParameter(), mismatch.getValue())
                : ex.getReason();
        return Mono.just(ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail)));
    }

    /**
     * A parameter outside its constraints: each one named with what it must be ("size must be
     * between 1 and 100, not 0"), instead of Spring's "Validation failure".
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                                  HttpStatusCode status, ServerWebExchange exchange) {
        Map<String, String> errors = new TreeMap<>();
        List<String> details = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                for (FieldError error : body.getFieldErrors()) {
                    errors.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage()));
                    details.add(error.getField() + ": " + error.getDefaultMessage());
                }
                continue;
            }
            String name = name(result.getMethodParameter());
            Bounds bounds = Bounds.of(result.getMethodParameter());
            boolean number = result.getArgument() instanceof Number;
            String message = number && bounds.known() ? "must be " + bounds.words()
                    : result.getResolvableErrors().stream().map(MessageSourceResolvable::getDefaultMessage).filter(Objects::nonNull)
                            .findFirst().orElse("is not valid");
            errors.putIfAbsent(name, message);
            details.add(name + " " + message + (number ? ", not " + result.getArgument() : ""));
        }
        if (errors.isEmpty()) {
            return super.handleHandlerMethodValidationException(ex, headers, status, exchange);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, details.stream().sorted().collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.badRequest().body(problem));
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

    /** "page must be a whole number between 0 and 10000, not '1e9'"; "value must be one of LIKE, DISLIKE, not 'X'". */
    private static String mismatch(MethodParameter parameter, Object value) {
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(parameter.getNestedParameterType());
        String expected;
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            Bounds bounds = Bounds.of(parameter);
            expected = "a whole number" + (bounds.known() ? " " + bounds.words() : "");
        } else if (type.isEnum()) {
            expected = "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        } else {
            expected = "a valid " + type.getSimpleName();
        }
        return name(parameter) + " must be " + expected + ", not " + shown(value);
    }

    /** The name the client sent the value under, as the controller's annotation gives it. */
    private static String name(MethodParameter parameter) {
        MergedAnnotations annotations = MergedAnnotations.from(parameter.getParameter());
        for (Class<? extends Annotation> type : NAMED_VALUES) {
            MergedAnnotation<? extends Annotation> named = annotations.get(type);
            if (named.isPresent() && !named.getString("name").isEmpty()) {
                return named.getString("name");
            }
        }
        return Objects.requireNonNullElse(parameter.getParameterName(), "a parameter");
    }

    private static String shown(Object value) {
        String text = value instanceof List<?> values && values.size() == 1 ? String.valueOf(values.getFirst()) : String.valueOf(value);
        if (text.isEmpty()) {
            return "empty";
        }
        return "'" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text) + "'";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
