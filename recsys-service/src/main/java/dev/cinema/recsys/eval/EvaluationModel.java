package dev.cinema.recsys.eval;

import dev.cinema.recsys.collaborative.ModelLoader;
import dev.cinema.recsys.collaborative.TrainingRun;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The collaborative model in the evaluation: recsys-training's job run on the profiles the
 * evaluation stored (its own schema), then loaded as serving loads it. The job chooses ALS's
 * constants itself, on a validation split of what it is given; {@link #GRID} is what it tries.
 */
@Component
@Profile("eval")
class EvaluationModel {

    /**
     * The constants the job tries in the evaluation; the service's defaults (recsys-training's
     * TrainingSettings) are the ones it chose there (recsys-service's README).
     */
    static final List<String> GRID = List.of("--rank=32,48", "--alpha=5", "--regularization=0.1,0.2");

    private final TrainingRun training;
    private final ModelLoader loader;

    EvaluationModel(TrainingRun training, ModelLoader loader) {
        this.training = training;
        this.loader = loader;
    }

    /** Whether the training jar is there (RECSYS_TRAINING_JAR); without it the model's rows are left out. */
    boolean available() {
        return training.available();
    }

    /** Trains on the stored profiles and serves the model; returns the job's report (its last line, JSON). */
    String train() {
        TrainingRun.Outcome outcome = training.start(GRID).block();
        if (outcome == null || !outcome.trained() || !outcome.report().contains("\"serving\"")) {
            throw new IllegalStateException("the training run did not make a serving model: " + (outcome == null ? "no outcome" : outcome.report()));
        }
        if (loader.reload().block() == null) {
            throw new IllegalStateException("no serving model after the training run");
        }
        return outcome.report();
    }
}
