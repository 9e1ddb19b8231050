package dev.cinema.recsys.refresh;

import java.util.UUID;

/**
 * One recommended film.
 *
 * @param source llm (suggested by the LLM and found in the catalog), similar (the built-in
 *               recommender) or popular
 * @param reason why, for people: "because you liked Alien"
 */
public record Recommendation(UUID filmId, String source, String reason) {

    public static final String LLM = "llm";
    public static final String SIMILAR = "similar";
    public static final String POPULAR = "popular";
}
