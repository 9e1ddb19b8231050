package dev.cinema.recsys.llm;

/**
 * A film the LLM names by title (a discovery): only a title to look for in the catalog, never shown as it is.
 *
 * @param year null when the LLM gave none
 */
record SuggestedFilm(String title, Integer year) {
}
