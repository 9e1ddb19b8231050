package dev.cinema.recsys.ranking;

/**
 * The constants of {@link RankingScore}.
 *
 * @param priorLikes    how many likes a 10/10 catalog rating is worth
 * @param dislikeWeight how many likes a dislike takes away
 */
public record RankingWeights(double priorLikes, double dislikeWeight) {
}
