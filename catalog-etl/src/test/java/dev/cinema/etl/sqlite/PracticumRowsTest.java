package dev.cinema.etl.sqlite;

import dev.cinema.etl.sqlite.PracticumRows.BadRow;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PracticumRowsTest {

    @Test
    void timestampsAreReadInTheShapesSqliteFilesHoldThem() throws BadRow {
        OffsetDateTime expected = OffsetDateTime.of(2021, 6, 16, 20, 14, 9, 221_838_000, ZoneOffset.UTC);
        assertThat(PracticumRows.timestamp("t", "2021-06-16 20:14:09.221838+00")).isEqualTo(expected);
        assertThat(PracticumRows.timestamp("t", "2021-06-16T20:14:09.221838Z")).isEqualTo(expected);
        assertThat(PracticumRows.timestamp("t", "2021-06-16 20:14:09.221838")).as("no zone means UTC").isEqualTo(expected);
        assertThat(PracticumRows.timestamp("t", "2021-06-16 23:14:09.221838+03:00")).isEqualTo(expected.withOffsetSameInstant(ZoneOffset.ofHours(3)));
        assertThat(PracticumRows.timestamp("t", null)).isNull();
        assertThatThrownBy(() -> PracticumRows.timestamp("created_at", "16.06.2021")).isInstanceOf(BadRow.class)
                .hasMessage("created_at is not a timestamp: '16.06.2021'");
    }

    @Test
    void uuidsMustBeWhole() {
        assertThatThrownBy(() -> PracticumRows.uuid("id", "3d825f60-9fff-4dfe-b294")).hasMessageContaining("not a UUID");
        assertThatThrownBy(() -> PracticumRows.uuid("id", "")).hasMessage("id is empty");
    }

    @Test
    void ratingsAreNumbersFromZeroToTen() throws BadRow {
        assertThat(PracticumRows.rating("rating", 8.6)).isEqualTo(8.6);
        assertThat(PracticumRows.rating("rating", "7")).isEqualTo(7.0);
        assertThat(PracticumRows.rating("rating", null)).isNull();
        assertThatThrownBy(() -> PracticumRows.rating("rating", 11)).hasMessageContaining("outside 0..10");
        assertThatThrownBy(() -> PracticumRows.rating("rating", "NaN")).hasMessageContaining("outside 0..10");
    }

    @Test
    void rolesAreTheThreeTheSchemaKnows() throws BadRow {
        assertThat(PracticumRows.role("role", " Director ")).isEqualTo("director");
        assertThatThrownBy(() -> PracticumRows.role("role", "producer")).hasMessageContaining("not one of actor, director, writer");
    }
}
