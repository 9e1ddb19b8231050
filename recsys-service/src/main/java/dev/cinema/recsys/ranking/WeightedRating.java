package dev.cinema.recsys.ranking;

/**
 * The ranking's Bayesian weighted rating: a film's IMDb rating counts as {@code priorVotes} votes
 * (the catalog's mean rating when the film has none), each like on the platform as a 10 and each
 * dislike as a 1. One 10/10 vote barely moves a film; thousands of likes carry it to the top.
 */
public final class WeightedRating {

    private WeightedRating() {
    }

    public static double of(Double imdbRating, double meanRating, int likes, int dislikes, double priorVotes) {
        double prior = imdbRating == null ? meanRating : imdbRating;
        return (priorVotes * prior + 10.0 * likes + 1.0 * dislikes) / (priorVotes + likes + dislikes);
    }
}
