package dev.cinema.asyncapi.api;

import dev.cinema.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Pages are numbered from 0; Elasticsearch pages no deeper than its first 10,000 hits. */
final class Paging {

    static final int DEEPEST = 10_000;

    private Paging() {
    }

    static int from(int page, int size) {
        // In long: page + 1 overflows an int for the largest page number, which then passed as shallow.
        long end = ((long) page + 1) * size;
        if (end > DEEPEST) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "page-too-deep", "Page " + page + " of size " + size + " ends at result "
                    + end + ", and only the first " + DEEPEST + " results can be paged through: ask for an earlier page or a smaller"
                    + " size, or narrow the request.");
        }
        return page * size;
    }

    static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, what + "-not-found", "There is no " + what + " " + id + ".");
    }
}
