package dev.cinema.security;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** 401, 403 and a token that cannot be checked now (503) as RFC 9457 problem details, like every other error of the platform. */
public final class ProblemSecurityHandlers {

    /** What the platform's other 503s say (a server of its own restarting takes seconds). */
    private static final String RETRY_AFTER_SECONDS = "5";

    private ProblemSecurityHandlers() {
    }

    public static ServerAuthenticationEntryPoint authenticationEntryPoint() {
        return (exchange, exception) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "A valid access token is required: send 'Authorization: Bearer <token>' from /api/v1/auth/login.");
        };
    }

    /**
     * A token refused is a 401 as {@link #authenticationEntryPoint()} writes it. A token that could not be
     * checked (Spring Security's AuthenticationServiceException: the keys out of reach, see
     * {@link KeysOutOfReach}) is a 503 that says when to come back: the client did nothing wrong, and
     * its token may be good. Spring Security would rethrow it, and viewers got a 500.
     */
    public static ServerAuthenticationFailureHandler authenticationFailureHandler() {
        ServerAuthenticationEntryPoint refused = authenticationEntryPoint();
        return (filterExchange, exception) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            if (!(exception instanceof AuthenticationServiceException)) {
                return refused.commence(exchange, exception);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "Access tokens cannot be checked just now: the platform's signing keys are out of reach. Try again in a few seconds.");
        };
    }

    public static ServerAccessDeniedHandler accessDeniedHandler() {
        return (exchange, exception) -> write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                "Your roles do not allow this request.");
    }

    /** The firewall's refusals (a {@code ;} or {@code //} in the path, an encoded line break or NUL): a 400 problem, not an empty 400. */
    public static ServerExchangeRejectedHandler exchangeRejectedHandler() {
        return (exchange, exception) -> write(exchange, HttpStatus.BAD_REQUEST, "Bad Request", "The request's path or headers are not allowed.");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        String body = """
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(title, status.value(), detail, jsonEscape(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }

    private static String jsonEscape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
