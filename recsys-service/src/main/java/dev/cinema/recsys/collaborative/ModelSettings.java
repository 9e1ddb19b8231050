package dev.cinema.recsys.collaborative;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The collaborative model: how often serving looks for a new one, when it counts as old, and when
 * a training run is started.
 *
 * @param reload        how often the serving model's version is checked ({@code RECSYS_MODEL_RELOAD}, 30 s)
 * @param maxAge        a serving model older than this shows as stale in health details
 *                      ({@code RECSYS_MODEL_MAX_AGE}, 2 days)
 * @param trainInterval a run is started when the serving model is this old ({@code RECSYS_TRAIN_INTERVAL},
 *                      6 h; 0 turns the automatic runs off, as in tests that do not ask for them)
 * @param trainAfter    ... or when this many likes arrived since it was trained ({@code RECSYS_TRAIN_AFTER_LIKES}, 1,000)
 * @param trainingJar   the training job's jar ({@code RECSYS_TRAINING_JAR}); none: no automatic runs
 * @param sparkMaster   where the job runs ({@code RECSYS_SPARK_MASTER}, {@code local[*]}: in the child process)
 * @param trainingHeap  the child process's heap ({@code RECSYS_TRAINING_HEAP}, 1g)
 * @param trainingTimeout a run still going after this long is stopped ({@code RECSYS_TRAINING_TIMEOUT}, 2 h)
 * @param trainingDatabase the JDBC address the job reads the verdicts from and writes the model to:
 *                      this service's own database (the offline evaluation's schema in its profile)
 * @param trainingLogin the role the job logs in as ({@code TRAINING_POSTGRES_USER}, {@code TRAINING_POSTGRES_PASSWORD};
 *                      else this service's own): it reads the likes and writes the model's tables, nothing else
 */
@Validated
@ConfigurationProperties("recsys.model")
public record ModelSettings(@NotNull @DurationMin(seconds = 1) Duration reload, @NotNull Duration maxAge, @NotNull Duration trainInterval,
                            int trainAfter, String trainingJar, @NotNull String sparkMaster, @NotNull String trainingHeap,
                            @NotNull @DurationMin(seconds = 1) Duration trainingTimeout, @NotNull String trainingDatabase,
                            @NotNull @Valid TrainingLogin trainingLogin) {

    /** The training job's PostgreSQL login; its password never shows in a log line. */
    public record TrainingLogin(@NotBlank String user, @NotNull String password) {

        @Override
        public String toString() {
            return "TrainingLogin[user=" + user + ", password=(hidden)]";
        }
    }

    public boolean trainsAutomatically() {
        return !trainInterval.isZero() && trainingJar != null && !trainingJar.isBlank();
    }
}
