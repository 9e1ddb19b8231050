package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.model.FilmFactors;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** The collaborative model recommendations are scored with now, if one has been trained and loaded. */
@Component
public class ServingModel {

    /**
     * @param validationNdcg the NDCG@10 its own training run measured on its validation split
     */
    public record Loaded(long version, Instant trainedAt, FilmFactors factors, double validationNdcg) {
    }

    private volatile Loaded current;

    public Optional<Loaded> current() {
        return Optional.ofNullable(current);
    }

    void serve(Loaded model) {
        current = model;
    }
}
