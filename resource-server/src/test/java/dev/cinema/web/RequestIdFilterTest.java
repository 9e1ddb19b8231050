package dev.cinema.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    private MockServerWebExchange pass(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, served -> {
            served.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return Mono.empty();
        }).block();
        return exchange;
    }

    @Test
    void nginxsIdIsKeptAndAnswered() {
        MockServerWebExchange exchange = pass(MockServerHttpRequest.get("/api/v1/films").header("X-Request-Id", "4f1c2a9d0b7e").build());

        assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo("4f1c2a9d0b7e");
        assertThat((String) exchange.getAttribute(RequestIdFilter.ATTRIBUTE)).isEqualTo("4f1c2a9d0b7e");
    }

    @Test
    void aRequestWithoutOrWithAForgedIdGetsAFreshOne() {
        MockServerWebExchange without = pass(MockServerHttpRequest.get("/").build());
        MockServerWebExchange forged = pass(MockServerHttpRequest.get("/").header("X-Request-Id", "x\"}\n<script>" + "a".repeat(100)).build());

        for (MockServerWebExchange exchange : new MockServerWebExchange[]{without, forged}) {
            String id = exchange.getResponse().getHeaders().getFirst("X-Request-Id");
            assertThat(UUID.fromString(id)).isNotNull();
        }
        assertThat(without.getResponse().getHeaders().getFirst("X-Request-Id"))
                .isNotEqualTo(forged.getResponse().getHeaders().getFirst("X-Request-Id"));
    }
}
