package dev.cinema.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One error shape for all services: {@link ProblemHandler} in every WebFlux service that has this
 * module, and {@link RequestIdFilter} (nginx's {@code X-Request-Id}, answered and logged), {@link RefusedBodyFilter}
 * (a request whose body was left unread or refused closes its connection), {@link WholeNumbers} (integer
 * parameters in decimal digits only, or a 400). Before WebFlux's own auto-configuration, whose problem-details handler steps aside for it.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
public class ProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    RefusedBodyFilter refusedBodyFilter() {
        return new RefusedBodyFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    WholeNumbers wholeNumbers() {
        return new WholeNumbers();
    }
}
