package dev.cinema.recsys.ranking;

/**
 * The ranking's score of a film, in likes: the likes it has on the platform, less
 * {@code dislikeWeight} per dislike, plus its catalog rating as up to {@code priorLikes} likes
 * ({@code priorLikes} for a 10/10; the catalog's mean rating when the film has none). On a young
 * platform the catalog rating decides the order; as likes arrive they outweigh it, and a film that
 * hundreds of viewers liked passes one that a handful rated 10. (A weighted mean rating cannot do
 * that: it measures how good a film is said to be, not how many viewers will like it, and offline it
 * scored below plain like-count popularity.)
 */
public final class RankingScore {

    private RankingScore() {
    }

    public static double of(Double catalogRating, double meanRating, int likes, int dislikes, RankingWeights weights) {
        double rating = catalogRating == null ? meanRating : catalogRating;
        return likes - weights.dislikeWeight() * dislikes + weights.priorLikes() * rating / 10.0;
    }
}
