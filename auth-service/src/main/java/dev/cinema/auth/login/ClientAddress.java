package dev.cinema.auth.login;

import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/** The client's address as the per-address limits and the login history see it. */
final class ClientAddress {

    /** IPv4 or IPv6 text: digits, hex letters, dots and colons, at most 45 characters. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /**
     * The client's address as an IP literal, or "unknown". A forwarded address is whatever the
     * header said, unresolved; one that is no IP literal (a client can write the header) is not
     * taken for an address, and never reaches the login history's 64 characters.
     */
    static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        if (remote.getAddress() != null) {
            return remote.getAddress().getHostAddress();
        }
        String host = remote.getHostString();
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return IP_LITERAL.matcher(host).matches() ? host : "unknown";
    }
}
