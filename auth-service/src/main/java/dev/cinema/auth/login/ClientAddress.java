package dev.cinema.auth.login;

import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;

/** The client's address as the per-address limits and the login history see it. */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The connection's address, or, from nginx, the one nginx saw (resource-server's
     * ForwardedHeadersFilter takes it from a trusted proxy's X-Forwarded-For when that is an IP literal).
     * Either is an address, never a client's text, and its text (at most 45 characters, and the zone
     * of a link-local peer) fits the login history's 64.
     */
    static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
