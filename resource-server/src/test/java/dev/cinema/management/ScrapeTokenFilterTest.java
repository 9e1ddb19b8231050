package dev.cinema.management;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeTokenFilterTest {

    private static HttpStatus answer(ScrapeTokenFilter filter, MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, served -> {
            served.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.empty();
        }).block();
        return (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private static MockServerHttpRequest get(String path, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
        return authorization == null ? request.build() : request.header("Authorization", authorization).build();
    }

    @Test
    void withATokenSetMetricsNeedItAndHealthDoesNot() {
        ScrapeTokenFilter filter = new ScrapeTokenFilter(new ScrapeTokenProperties("s3cret-scrape"), "/actuator");

        assertThat(answer(filter, get("/actuator/prometheus", null))).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer(filter, get("/actuator/metrics/jvm.threads.live", "Bearer wrong"))).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer(filter, get("/actuator/metrics", "Bearer s3cret-scrape-and-more"))).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer(filter, get("/actuator", "Basic czNjcmV0LXNjcmFwZQ=="))).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer(filter, get("/actuator/prometheus", "Bearer s3cret-scrape"))).isEqualTo(HttpStatus.OK);
        assertThat(answer(filter, get("/actuator/health", null))).isEqualTo(HttpStatus.OK);
        assertThat(answer(filter, get("/actuator/health/readiness", null))).isEqualTo(HttpStatus.OK);
        // a path that only begins like health is not health
        assertThat(answer(filter, get("/actuator/healthdump", null))).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void withoutATokenEveryEndpointAnswers() {
        ScrapeTokenFilter filter = new ScrapeTokenFilter(new ScrapeTokenProperties(""), "/actuator");

        assertThat(answer(filter, get("/actuator/prometheus", null))).isEqualTo(HttpStatus.OK);
        assertThat(answer(filter, get("/actuator/metrics", "Bearer anything"))).isEqualTo(HttpStatus.OK);
    }
}
