package dev.cinema.recsys.refresh;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Asks for a viewer's recommendations to be computed again at the next round. */
@Component
public class RefreshRequests {

    private final DueViewers due;

    RefreshRequests(DueViewers due) {
        this.due = due;
    }

    public Mono<Void> now(UUID user) {
        return due.dueNow(user);
    }
}
