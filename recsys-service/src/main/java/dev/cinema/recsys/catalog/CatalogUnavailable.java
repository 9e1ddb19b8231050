package dev.cinema.recsys.catalog;

/**
 * Elasticsearch answered, but not for the whole index: a shard not yet started (just after a
 * restart) or failing. Such an answer lacks films that exist, so it fails like an outage: a
 * refresh built on it would store a list with those films missing until the next one, an hour on.
 */
public class CatalogUnavailable extends RuntimeException {

    CatalogUnavailable(String what) {
        super(what);
    }
}
