package dev.cinema.ugc.reaction;

import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the work for one key after the previous work for the same key has finished, without
 * blocking a thread: identical requests to this instance then see each other's result instead of
 * racing and retrying. (Across instances the versioned write in {@link UserFilms} keeps one event.)
 */
final class OneAtATime {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    <T> Mono<T> run(String key, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, mine);
            Mono<Void> turn = previous == null ? Mono.empty() : Mono.fromFuture(previous, true);
            return turn.then(Mono.defer(work)).doFinally(signal -> {
                tails.remove(key, mine);
                mine.complete(null);
            });
        });
    }
}
