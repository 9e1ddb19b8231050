package dev.cinema.proxy;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardedHeadersFilterTest {

    private static final InetSocketAddress NGINX = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("203.0.113.7", 40_000);

    private final ForwardedHeadersFilter filter = new ForwardedHeadersFilter(new ForwardedProperties(List.of("127.0.0.0/8", "::1")));

    /** The request as what comes after the filter sees it. */
    private ServerHttpRequest seen(InetSocketAddress peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("http://127.0.0.1:8081/api/v1/auth/login").remoteAddress(peer)
                .header("X-Forwarded-Proto", "https").header("Forwarded", "for=198.51.100.1");
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line);
        }
        AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();
        filter.filter(MockServerWebExchange.from(request.build()), exchange -> {
            seen.set(exchange.getRequest());
            return Mono.empty();
        }).block();
        return seen.get();
    }

    private static String address(ServerHttpRequest request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    @Test
    void fromTheTrustedProxyTheLastEntryIsTheClient() {
        assertThat(address(seen(NGINX, "10.1.2.3"))).isEqualTo("10.1.2.3");
        // the entries before nginx's are whatever the client wrote
        assertThat(address(seen(NGINX, "6.6.6.6, 10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(address(seen(NGINX, "6.6.6.6", "7.7.7.7,2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(address(seen(NGINX, ("1.1.1.1, ".repeat(5_000)) + "10.9.8.7"))).isEqualTo("10.9.8.7");
    }

    @Test
    void aSchemeChangeLeavesTheRestOfTheUriAsItCame() {
        URI odd = URI.create("http://127.0.0.1:8081/api/v1/auth/register?x=x=x=%25%2F;a=(b)*'c'");
        assertThat(ForwardedHeadersFilter.withScheme(odd, "https").toString())
                .isEqualTo("https://127.0.0.1:8081/api/v1/auth/register?x=x=x=%25%2F;a=(b)*'c'");
    }

    @Test
    void theTrustedProxysSchemeIsTheRequestsAndAnyoneElsesIsNot() {
        assertThat(seen(NGINX, "10.1.2.3").getURI().getScheme()).isEqualTo("https");
        assertThat(seen(STRANGER, "10.1.2.3").getURI().getScheme()).isEqualTo("http");
    }

    @Test
    void fromAnyoneElseTheConnectionsAddressStands() {
        assertThat(address(seen(STRANGER, "10.1.2.3"))).isEqualTo("203.0.113.7");
        assertThat(address(seen(new InetSocketAddress("::1", 1), "10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(address(seen(new InetSocketAddress("192.168.0.1", 1), "10.1.2.3"))).isEqualTo("192.168.0.1");
    }

    @Test
    void aLastEntryThatIsNoIpLiteralLeavesTheProxysAddress() {
        for (String garbage : List.of("x".repeat(200), "1".repeat(200), "::" + "f".repeat(80), "10.1.2.3, localhost",
                "10.1.2.3, 256.1.1.1", "10.1.2.3, 1.2.3", "fe80::1%eth0", "cafe", "10.1.2.3,", "[::1]", "unknown", "")) {
            assertThat(address(seen(NGINX, garbage))).as(garbage).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void noForwardedHeaderIsLeftForWhatComesAfter() {
        for (InetSocketAddress peer : List.of(NGINX, STRANGER)) {
            ServerHttpRequest request = seen(peer, "10.1.2.3");
            ForwardedHeadersFilter.FORWARDED_HEADERS.forEach(name -> assertThat(request.getHeaders().containsHeader(name)).as(name).isFalse());
        }
    }

    @Test
    void aTrustedProxyThatCannotBeReadStopsTheStart() {
        assertThatThrownBy(() -> new ForwardedProperties(List.of("nginx.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForwardedProperties(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ForwardedProperties(List.of(" 10.0.0.0/8 ", "")).trustedProxies()).containsExactly("10.0.0.0/8");
    }

    @Test
    void aBlockHoldsTheAddressesOfItsPrefix() {
        AddressRange compose = AddressRange.parse("172.30.0.0/20");
        assertThat(compose.contains(IpLiteral.parse("172.30.15.255").orElseThrow())).isTrue();
        assertThat(compose.contains(IpLiteral.parse("172.30.16.0").orElseThrow())).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(IpLiteral.parse("8.8.8.8").orElseThrow())).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(IpLiteral.parse("::1").orElseThrow())).isFalse();
        assertThat(AddressRange.parse("fd00::/8").contains(IpLiteral.parse("fd12::1").orElseThrow())).isTrue();
    }
}
