package dev.cinema.recsys.profile;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An administrator puts the dead letters back once their cause is fixed ({@code ./local_run.sh replay-dlt}). */
@RestController
@Profile("!eval")
class DeadLetterController {

    private final DeadLetterReplay replay;

    DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    record Replayed(int replayed) {
    }

    @PostMapping("/api/v1/admin/dead-letters/replay")
    Mono<Replayed> replay() {
        return replay.replay().map(Replayed::new);
    }
}
