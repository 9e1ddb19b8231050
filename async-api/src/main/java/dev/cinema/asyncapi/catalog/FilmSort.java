package dev.cinema.asyncapi.catalog;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;

import java.util.Arrays;
import java.util.Optional;

/** {@code sort=} of the film listing: a field, descending with a leading {@code -}. Films without the field come last. */
public record FilmSort(String field, SortOrder order) {

    private enum Field {
        IMDB_RATING("imdb_rating", "imdb_rating"),
        TITLE("title", "title.raw"),
        CREATION_DATE("creation_date", "creation_date");

        private final String parameter;
        private final String indexField;

        Field(String parameter, String indexField) {
            this.parameter = parameter;
            this.indexField = indexField;
        }
    }

    public static final String ALLOWED = "imdb_rating, title, creation_date, each with an optional leading '-'";

    public static Optional<FilmSort> parse(String parameter) {
        boolean descending = parameter.startsWith("-");
        String name = descending ? parameter.substring(1) : parameter;
        return Arrays.stream(Field.values()).filter(field -> field.parameter.equals(name)).findFirst()
                .map(field -> new FilmSort(field.indexField, descending ? SortOrder.Desc : SortOrder.Asc));
    }

    SortOptions options() {
        return SortOptions.of(by -> by.field(sort -> sort.field(field).order(order).missing(FieldValue.of("_last"))));
    }
}
