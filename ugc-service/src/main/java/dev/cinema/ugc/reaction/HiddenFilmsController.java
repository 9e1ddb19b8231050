package dev.cinema.ugc.reaction;

import dev.cinema.security.JwtSupport;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The films the caller's feed must not offer: already liked, disliked or "not interested". async-api
 * asks here for every signed-in feed, so a film is hidden the moment it is pressed, even while the
 * events that tell recsys-service are still on their way (or Kafka is down).
 */
@RestController
class HiddenFilmsController {

    record HiddenFilms(List<UUID> filmIds) {
    }

    private final UserFilms userFilms;

    HiddenFilmsController(UserFilms userFilms) {
        this.userFilms = userFilms;
    }

    @GetMapping("/api/v1/hidden-films")
    Mono<HiddenFilms> hiddenFilms(@AuthenticationPrincipal Jwt jwt) {
        return userFilms.hidden(JwtSupport.userId(jwt)).map(UserFilm::filmId).collectList().map(HiddenFilms::new);
    }
}
