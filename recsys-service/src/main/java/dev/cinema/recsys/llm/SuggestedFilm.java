package dev.cinema.recsys.llm;

/**
 * A film the LLM suggests: only a title to look for in the catalog, never shown as it is.
 *
 * @param year    null when the LLM gave none
 * @param because the liked film the LLM says led to it (null when it named none)
 */
public record SuggestedFilm(String title, Integer year, String because) {
}
