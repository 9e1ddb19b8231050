package dev.cinema.etl;

import dev.cinema.etl.practicum.PracticumFile;

import java.nio.file.Path;
import java.util.UUID;

/** Small Practicum-schema files for the tests, with names that say what is in them. */
final class Fixtures {

    static final UUID DRAMA = PracticumFile.nameUuid("genre", "Drama");
    static final UUID COMEDY = PracticumFile.nameUuid("genre", "Comedy");
    static final UUID ACTOR = PracticumFile.nameUuid("person", "Ada Actor");
    static final UUID DIRECTOR = PracticumFile.nameUuid("person", "Dan Director");
    static final UUID FIRST_FILM = PracticumFile.nameUuid("film", 1);
    static final UUID SECOND_FILM = PracticumFile.nameUuid("film", 2);

    private Fixtures() {
    }

    /** Two films, two genres, an actor in both and a director of the first. */
    static Path twoFilms(Path dir) throws Exception {
        Path file = dir.resolve("two-films.sqlite");
        try (PracticumFile catalog = PracticumFile.create(file)) {
            writeTwoFilms(catalog);
        }
        return file;
    }

    static void writeTwoFilms(PracticumFile catalog) throws Exception {
        catalog.genre(DRAMA, "Drama", null);
        catalog.genre(COMEDY, "Comedy", null);
        catalog.person(ACTOR, "Ada Actor");
        catalog.person(DIRECTOR, "Dan Director");
        catalog.film(FIRST_FILM, "The First Film", "A quiet drama about a lighthouse keeper.", "1999-05-01", 7.5);
        catalog.film(SECOND_FILM, "The Second Film", "A loud comedy about a circus.", null, 6.1);
        catalog.genreLink(FIRST_FILM, DRAMA);
        catalog.genreLink(SECOND_FILM, COMEDY);
        catalog.personLink(FIRST_FILM, ACTOR, "actor");
        catalog.personLink(SECOND_FILM, ACTOR, "actor");
        catalog.personLink(FIRST_FILM, DIRECTOR, "director");
    }
}
