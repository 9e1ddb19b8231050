package dev.cinema.recsys.training;

import java.util.ArrayList;
import java.util.List;

/** One setting of ALS's constants; a run given several trains each and keeps the best on its validation split. */
record Hyperparameters(int rank, double regularization, double alpha, int iterations) {

    Hyperparameters {
        if (rank < 1 || regularization <= 0 || alpha < 0 || iterations < 1) {
            throw new IllegalArgumentException("rank, regularization and iterations must be positive, alpha not negative");
        }
    }

    /** Every combination of the comma-separated values given for each constant. */
    static List<Hyperparameters> grid(String ranks, String regularizations, String alphas, String iterations) {
        List<Hyperparameters> grid = new ArrayList<>();
        for (String rank : ranks.split(",")) {
            for (String regularization : regularizations.split(",")) {
                for (String alpha : alphas.split(",")) {
                    for (String iteration : iterations.split(",")) {
                        grid.add(new Hyperparameters(Integer.parseInt(rank.trim()), Double.parseDouble(regularization.trim()),
                                Double.parseDouble(alpha.trim()), Integer.parseInt(iteration.trim())));
                    }
                }
            }
        }
        return grid;
    }

    @Override
    public String toString() {
        return "rank %d, regularization %s, alpha %s, %d iterations".formatted(rank, regularization, alpha, iterations);
    }
}
