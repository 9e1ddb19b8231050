package dev.cinema.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WholeNumbers} and {@link ProblemHandler} together, on a controller of their own. */
class IntegerParametersTest {

    /** A listing as the services write theirs: no {@code defaultValue}, which Spring would also give an empty value. */
    @RestController
    static class Listing {

        @GetMapping("/items")
        String items(@RequestParam(required = false) @Min(0) @Max(10_000) Integer page,
                     @RequestParam(name = "size", required = false) @Min(1) @Max(100) Integer pageSize) {
            return (page == null ? 0 : page) + "/" + (pageSize == null ? 20 : pageSize);
        }

        @GetMapping("/items/{id}")
        String item(@PathVariable long id) {
            return String.valueOf(id);
        }

        @GetMapping("/things/{id}")
        String thing(@PathVariable UUID id) {
            return id.toString();
        }
    }

    private final WebTestClient client = client();

    private static WebTestClient client() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        WholeNumbers wholeNumbers = new WholeNumbers();
        return WebTestClient.bindToController(new Listing()).controllerAdvice(new ProblemHandler(), wholeNumbers)
                .formatters(wholeNumbers::addFormatters).validator(validator).build();
    }

    /** The answer's detail; the query is sent as it is written (already percent-encoded where it must be). */
    private String refused(String pathAndQuery) {
        return client.get().uri(URI.create(pathAndQuery)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(ProblemBody.class).returnResult().getResponseBody().detail();
    }

    private String answer(String pathAndQuery) {
        return client.get().uri(URI.create(pathAndQuery)).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    record ProblemBody(String detail, java.util.Map<String, String> errors) {
    }

    @Test
    void aNumberOutsideItsBoundsIsA400SayingTheBoundsAndTheValue() {
        assertThat(refused("/items?size=0")).isEqualTo("size must be between 1 and 100, not 0");
        assertThat(refused("/items?size=2147483647")).isEqualTo("size must be between 1 and 100, not 2147483647");
        assertThat(refused("/items?page=-1")).isEqualTo("page must be between 0 and 10000, not -1");
        assertThat(refused("/items?page=-2147483648")).isEqualTo("page must be between 0 and 10000, not -2147483648");
    }

    @Test
    void eachParameterOutOfBoundsIsNamedWithItsOwnMessage() {
        ProblemBody problem = client.get().uri("/items?page=-1&size=101").exchange().expectStatus().isBadRequest()
                .expectBody(ProblemBody.class).returnResult().getResponseBody();

        assertThat(problem.detail()).isEqualTo("page must be between 0 and 10000, not -1; size must be between 1 and 100, not 101");
        assertThat(problem.errors()).containsEntry("page", "must be between 0 and 10000").containsEntry("size", "must be between 1 and 100");
    }

    @Test
    void aValuePastTheTypesRangeIsA400NotAnOverflow() {
        assertThat(refused("/items?page=2147483648")).isEqualTo("page must be a whole number between 0 and 10000, not '2147483648'");
        assertThat(refused("/items?page=9223372036854775808")).isEqualTo("page must be a whole number between 0 and 10000, not '9223372036854775808'");
        assertThat(refused("/items/9223372036854775808")).isEqualTo("id must be a whole number, not '9223372036854775808'");
        assertThat(answer("/items/9223372036854775807")).isEqualTo("9223372036854775807");
    }

    @Test
    void onlyDecimalDigitsAreANumber() {
        for (String notDecimal : List.of("1e9", "0x10", "%2310", "1.0", "%201", "1%20", "%D9%A1", "--1", "abc")) {
            assertThat(refused("/items?size=" + notDecimal)).as(notDecimal).startsWith("size must be a whole number between 1 and 100, not '");
        }
        assertThat(refused("/items?size=0x10")).isEqualTo("size must be a whole number between 1 and 100, not '0x10'");
    }

    @Test
    void anEmptyValueIsA400NotTheDefault() {
        assertThat(refused("/items?size=")).isEqualTo("size must be a whole number between 1 and 100, not empty");
        assertThat(refused("/items?page=&size=5")).isEqualTo("page must be a whole number between 0 and 10000, not empty");
        assertThat(answer("/items")).isEqualTo("0/20");
    }

    @Test
    void minusZeroIsZeroAndCheckedLikeIt() {
        assertThat(answer("/items?page=-0&size=3")).isEqualTo("0/3");
        assertThat(refused("/items?size=-0")).isEqualTo("size must be between 1 and 100, not 0");
    }

    @Test
    void aSignAndLeadingZerosAreStillDecimal() {
        assertThat(answer("/items?page=%2B7&size=007")).isEqualTo("7/7");
    }

    @Test
    void ofAParameterSentTwiceTheFirstValueCountsAndIsCheckedTheSame() {
        assertThat(answer("/items?size=5&size=6")).isEqualTo("0/5");
        assertThat(refused("/items?size=0x10&size=5")).isEqualTo("size must be a whole number between 1 and 100, not '[0x10, 5]'");
        assertThat(refused("/items?size=500&size=5")).isEqualTo("size must be between 1 and 100, not 500");
    }

    @Test
    void theSharedExtremesCheckPassesABoundedListing() {
        IntegerExtremes.sentBy(client, null).assertBounded("/items", "page", 0, 10_000).assertBounded("/items?page=1", "size", 1, 100);
    }

    @Test
    void aValueOfAnotherTypeSaysWhatItMustBe() {
        assertThat(refused("/things/not-a-uuid")).isEqualTo("id must be a valid UUID, not 'not-a-uuid'");
        assertThat(refused("/things/" + "x".repeat(100))).isEqualTo("id must be a valid UUID, not '" + "x".repeat(24) + "…'");
    }
}
