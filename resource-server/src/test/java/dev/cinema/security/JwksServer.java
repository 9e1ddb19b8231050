package dev.cinema.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** auth-service's JWKS endpoint as the key tests need it: what it publishes changes, it goes down and comes back, and it counts the fetches. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile byte[] body;
    private volatile boolean down;

    private JwksServer(JWK... keys) {
        publish(keys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            // What nginx answers for an auth-service that is down.
            byte[] answer = down ? "{\"status\":502}".getBytes(StandardCharsets.UTF_8) : body;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(down ? 502 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** Serves the public parts of these keys. */
    static JwksServer publishing(JWK... keys) {
        return new JwksServer(keys);
    }

    void publish(JWK... keys) {
        body = new JWKSet(List.of(keys)).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    /** The requests for the JWKS so far, answered or not. */
    int fetches() {
        return fetches.get();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
