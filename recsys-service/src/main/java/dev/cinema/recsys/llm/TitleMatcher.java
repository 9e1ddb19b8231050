package dev.cinema.recsys.llm;

import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a suggested title in the catalog. Elasticsearch proposes candidates (typos allowed); one is
 * accepted only when its title is nearly the same (normalized edit distance, accents and
 * punctuation ignored) and its year is within one of the suggested year. A hallucinated film finds
 * nothing and is never shown.
 */
@Component
class TitleMatcher {

    static final double MIN_SIMILARITY = 0.85;
    private static final int CANDIDATES = 5;

    private final Catalog catalog;

    TitleMatcher(Catalog catalog) {
        this.catalog = catalog;
    }

    Mono<Optional<CatalogFilm>> match(SuggestedFilm suggestion) {
        return catalog.byTitle(suggestion.title(), CANDIDATES)
                .map(candidates -> candidates.stream().filter(film -> accepts(suggestion, film)).findFirst());
    }

    static boolean accepts(SuggestedFilm suggestion, CatalogFilm film) {
        if (film.title() == null || similarity(suggestion.title(), film.title()) < MIN_SIMILARITY) {
            return false;
        }
        Integer year = film.year();
        return suggestion.year() == null || year == null || Math.abs(suggestion.year() - year) <= 1;
    }

    static double similarity(String a, String b) {
        String left = normalize(a);
        String right = normalize(b);
        int longest = Math.max(left.length(), right.length());
        return longest == 0 ? 1 : 1 - (double) distance(left, right) / longest;
    }

    private static String normalize(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
