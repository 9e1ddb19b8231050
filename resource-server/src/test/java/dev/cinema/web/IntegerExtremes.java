package dev.cinema.web;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the services' tests: the integer extremes sent to one integer query parameter of an endpoint,
 * each answer asserted. Outside the bounds, or no decimal number, a 400 problem+json that names the
 * parameter and its bounds; {@code -0} is 0, answered as 0 is.
 */
public final class IntegerExtremes {

    /** Past an int, past a long, an exponent, hexadecimal, a leading and a trailing space, a fraction, another script's digit. */
    private static final List<String> NOT_DECIMAL = List.of("2147483648", "9223372036854775808", "1e9", "0x10", "%2310", "%201", "1%20",
            "1.0", "%D9%A1");

    private final WebTestClient client;
    private final String token;

    private IntegerExtremes(WebTestClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** @param token a bearer token for the requests, or null to send none */
    public static IntegerExtremes sentBy(WebTestClient client, String token) {
        return new IntegerExtremes(client, token);
    }

    /**
     * @param path the endpoint, with whatever else its request needs in its query (percent-encoded)
     * @param min  the parameter's least value, which is also asked for and must be answered 200
     */
    public IntegerExtremes assertBounded(String path, String parameter, int min, int max) {
        String request = path + (path.contains("?") ? "&" : "?") + parameter + "=";
        String bounds = "between " + min + " and " + max;
        for (long outside : List.of((long) min - 1, (long) max + 1, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE)) {
            assertThat(refused(request + outside)).as(request + outside).isEqualTo(parameter + " must be " + bounds + ", not " + outside);
        }
        for (String notDecimal : NOT_DECIMAL) {
            assertThat(refused(request + notDecimal)).as(request + notDecimal)
                    .startsWith(parameter + " must be a whole number " + bounds + ", not '");
        }
        assertThat(refused(request)).as(request).isEqualTo(parameter + " must be a whole number " + bounds + ", not empty");
        if (min <= 0) {
            answered(request + "-0");
        } else {
            assertThat(refused(request + "-0")).as(request + "-0").isEqualTo(parameter + " must be " + bounds + ", not 0");
        }
        answered(request + min);
        return this;
    }

    private WebTestClient.ResponseSpec send(String pathAndQuery) {
        // The base URL and the path as written: a template would encode the percent signs once more.
        return client.get().uri(base -> URI.create(base.build() + pathAndQuery)).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange();
    }

    @SuppressWarnings("unchecked")
    private String refused(String pathAndQuery) {
        Map<String, Object> problem = send(pathAndQuery).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        return String.valueOf(problem.get("detail"));
    }

    private void answered(String pathAndQuery) {
        send(pathAndQuery).expectStatus().isOk();
    }
}
