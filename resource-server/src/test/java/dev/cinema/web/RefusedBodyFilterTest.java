package dev.cinema.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedBodyFilterTest {

    private final RefusedBodyFilter filter = new RefusedBodyFilter();

    private static String connectionAfter(MockServerHttpRequest request, WebFilterChain handler) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        new RefusedBodyFilter().filter(exchange, handler).then(exchange.getResponse().setComplete()).block();
        return exchange.getResponse().getHeaders().getConnection().stream().findFirst().orElse("kept alive");
    }

    private static MockServerHttpRequest withBody() {
        return MockServerHttpRequest.put("/api/v1/reactions/x").header("Content-Type", "application/json").contentLength(16).body("{\"value\":\"LIKE\"}");
    }

    private static WebFilterChain answering(HttpStatus status, boolean readingTheBody) {
        return exchange -> (readingTheBody ? DataBufferUtils.join(exchange.getRequest().getBody()).then() : Mono.<Void>empty())
                .then(Mono.fromRunnable(() -> exchange.getResponse().setStatusCode(status)));
    }

    @Test
    void aBodyReadAndAnsweredSuccessfullyKeepsTheConnection() {
        assertThat(connectionAfter(withBody(), answering(HttpStatus.OK, true))).isEqualTo("kept alive");
    }

    @Test
    void aBodyLeftUnreadClosesTheConnectionWhateverTheAnswer() {
        assertThat(connectionAfter(withBody(), answering(HttpStatus.BAD_REQUEST, false))).isEqualTo("close");
        assertThat(connectionAfter(withBody(), answering(HttpStatus.ACCEPTED, false))).isEqualTo("close");
    }

    @Test
    void anErrorAfterTheBodyWasReadClosesTheConnection() {
        assertThat(connectionAfter(withBody(), answering(HttpStatus.CONTENT_TOO_LARGE, true))).isEqualTo("close");
    }

    @Test
    void aRequestWithoutABodyIsLeftAlone() {
        assertThat(connectionAfter(MockServerHttpRequest.get("/api/v1/films").build(), answering(HttpStatus.NOT_FOUND, false)))
                .isEqualTo("kept alive");
        assertThat(filter.getOrder()).isEqualTo(Integer.MIN_VALUE);
    }
}
