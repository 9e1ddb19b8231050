package dev.cinema.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenConverterTest {

    private final BearerTokenConverter converter = new BearerTokenConverter();

    private Authentication convert(String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return converter.convert(MockServerWebExchange.from(request)).block();
    }

    @Test
    void takesTheTokenOfABearerHeaderInAnyCase() {
        assertThat(((BearerTokenAuthenticationToken) convert("Bearer eyJ.a-b_c~d+e/f==")).getToken()).isEqualTo("eyJ.a-b_c~d+e/f==");
        assertThat(((BearerTokenAuthenticationToken) convert("bearer abc")).getToken()).isEqualTo("abc");
    }

    @Test
    void noBearerHeaderIsAnonymous() {
        assertThat(convert(null)).isNull();
        assertThat(convert("Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void aMalformedTokenIsRefused() {
        for (String header : new String[]{"Bearer ", "Bearer ===", "Bearer a b", "Bearer a=b", "Bearer ab\"c", "Bearer токен"}) {
            assertThatThrownBy(() -> convert(header)).as(header).isInstanceOf(OAuth2AuthenticationException.class);
        }
    }
}
