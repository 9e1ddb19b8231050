package dev.cinema.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.core.MethodParameter;

/** The {@code @Min} and {@code @Max} of a request parameter, in words for its error message. */
record Bounds(Long min, Long max) {

    static Bounds of(MethodParameter parameter) {
        Min min = parameter.getParameterAnnotation(Min.class);
        Max max = parameter.getParameterAnnotation(Max.class);
        return new Bounds(min == null ? null : min.value(), max == null ? null : max.value());
    }

    boolean known() {
        return min != null || max != null;
    }

    /** "between 1 and 100", "at least 0", "at most 50", or nothing when there are none. */
    String words() {
        if (min != null && max != null) {
            return "between " + min + " and " + max;
        }
        if (min != null) {
            return "at least " + min;
        }
        return max == null ? "" : "at most " + max;
    }
}
