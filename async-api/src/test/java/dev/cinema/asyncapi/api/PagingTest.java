package dev.cinema.asyncapi.api;

import dev.cinema.web.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void aPageWithinTheFirstTenThousandHitsStartsWherePageTimesSizeSays() {
        assertThat(Paging.from(0, 20)).isZero();
        assertThat(Paging.from(499, 20)).isEqualTo(9_980);
    }

    @Test
    void aPagePastTheFirstTenThousandHitsIsABadRequest() {
        assertThatThrownBy(() -> Paging.from(500, 20)).isInstanceOf(ApiProblem.class)
                .satisfies(problem -> assertThat(((ApiProblem) problem).getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void theLargestPageNumberIsABadRequestNotAnOverflow() {
        assertThatThrownBy(() -> Paging.from(Integer.MAX_VALUE, 2)).isInstanceOf(ApiProblem.class)
                .satisfies(problem -> assertThat(((ApiProblem) problem).getStatusCode().value()).isEqualTo(400));
        assertThatThrownBy(() -> Paging.from(Integer.MAX_VALUE, 100)).isInstanceOf(ApiProblem.class);
    }
}
