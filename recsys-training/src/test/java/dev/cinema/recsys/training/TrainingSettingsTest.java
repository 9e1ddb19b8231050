package dev.cinema.recsys.training;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrainingSettingsTest {

    @Test
    void theDatabaseComesFromTheEnvironmentRecsysServiceReadsAndArgumentsWin() {
        TrainingSettings settings = TrainingSettings.from(Map.of("POSTGRES_URL", "postgresql://db:5432", "POSTGRES_USER", "recsys"),
                new String[]{"--rank=8", "--master=spark://spark:7077"});

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/recsys");
        assertThat(settings.user()).isEqualTo("recsys");
        assertThat(settings.candidates()).containsExactly(
                new Hyperparameters(8, TrainingSettings.REGULARIZATION, TrainingSettings.ALPHA, TrainingSettings.ITERATIONS));
        assertThat(settings.master()).isEqualTo("spark://spark:7077");
    }

    @Test
    void theJobsOwnRoleWinsOverTheSharedLogin() {
        TrainingSettings settings = TrainingSettings.from(Map.of("POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "shared",
                "TRAINING_POSTGRES_USER", "recsys_training", "TRAINING_POSTGRES_PASSWORD", "own"), new String[0]);

        assertThat(settings.user()).isEqualTo("recsys_training");
        assertThat(settings.password()).isEqualTo("own");
    }

    @Test
    void severalValuesOfTheConstantsAreTriedInEveryCombination() {
        TrainingSettings settings = TrainingSettings.from(Map.of(), new String[]{"--rank=8,16", "--alpha=5, 10"});

        assertThat(settings.candidates()).extracting(Hyperparameters::rank, Hyperparameters::alpha).containsExactly(
                tuple(8, 5.0), tuple(8, 10.0),
                tuple(16, 5.0), tuple(16, 10.0));
    }

    @Test
    void unknownOrMalformedArgumentsAndOutOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> TrainingSettings.from(Map.of(), new String[]{"--rnak=8"})).hasMessageContaining("unknown arguments: [rnak]");
        assertThatThrownBy(() -> TrainingSettings.from(Map.of(), new String[]{"rank"})).hasMessageContaining("--name=value");
        assertThatThrownBy(() -> TrainingSettings.from(Map.of(), new String[]{"--validation-share=1"})).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> TrainingSettings.from(Map.of(), new String[]{"--rank=0"})).hasMessageContaining("positive");
    }

    @Test
    void thePasswordIsNotInWhatIsLogged() {
        TrainingSettings settings = TrainingSettings.from(Map.of("POSTGRES_PASSWORD", "s3cret"), new String[0]);

        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void theViewerRangesCoverEveryIdOnceInOrder() {
        String[] ranges = Reactions.viewerRanges(4);

        assertThat(ranges).containsExactly(
                "user_id < '40000000-0000-0000-0000-000000000000'",
                "user_id >= '40000000-0000-0000-0000-000000000000' AND user_id < '80000000-0000-0000-0000-000000000000'",
                "user_id >= '80000000-0000-0000-0000-000000000000' AND user_id < 'c0000000-0000-0000-0000-000000000000'",
                "user_id >= 'c0000000-0000-0000-0000-000000000000'");
        assertThat(Reactions.viewerRanges(1)).containsExactly("true");
        assertThat(UUID.fromString("40000000-0000-0000-0000-000000000000")).isNotNull();
    }
}
