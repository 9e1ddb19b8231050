-- The catalog in the Practicum shape: created/modified on every entity, links unique per film.
-- "modified" is the time a row last changed HERE (the loader sets it only when a value differs),
-- so the Elasticsearch stage can follow changes with a (modified, id) cursor.

CREATE TABLE film_work (
    id            uuid PRIMARY KEY,
    title         text        NOT NULL,
    description   text,
    creation_date date,
    rating        double precision CHECK (rating BETWEEN 0 AND 10),
    type          text        NOT NULL,
    created       timestamptz NOT NULL DEFAULT now(),
    modified      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX film_work_modified_idx ON film_work (modified, id);

CREATE TABLE genre (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    created     timestamptz NOT NULL DEFAULT now(),
    modified    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX genre_modified_idx ON genre (modified, id);

CREATE TABLE person (
    id         uuid PRIMARY KEY,
    full_name  text        NOT NULL,
    birth_date date,
    created    timestamptz NOT NULL DEFAULT now(),
    modified   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_modified_idx ON person (modified, id);

CREATE TABLE genre_film_work (
    id           uuid PRIMARY KEY,
    film_work_id uuid        NOT NULL REFERENCES film_work (id) ON DELETE CASCADE,
    genre_id     uuid        NOT NULL REFERENCES genre (id) ON DELETE CASCADE,
    created      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT genre_film_work_unique UNIQUE (film_work_id, genre_id)
);
CREATE INDEX genre_film_work_genre_idx ON genre_film_work (genre_id);

CREATE TABLE person_film_work (
    id           uuid PRIMARY KEY,
    film_work_id uuid        NOT NULL REFERENCES film_work (id) ON DELETE CASCADE,
    person_id    uuid        NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('actor', 'director', 'writer')),
    created      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT person_film_work_unique UNIQUE (film_work_id, person_id, role)
);
CREATE INDEX person_film_work_person_idx ON person_film_work (person_id);

-- Where the Elasticsearch stage stopped, per stream: the last (modified, id) it indexed.
CREATE TABLE etl_state (
    stream        text PRIMARY KEY,
    last_modified timestamptz NOT NULL,
    last_id       uuid        NOT NULL,
    updated       timestamptz NOT NULL DEFAULT now()
);

-- Film vectors computed once per text, so re-indexing a film for a renamed actor costs no inference.
CREATE TABLE film_embedding (
    film_work_id uuid PRIMARY KEY REFERENCES film_work (id) ON DELETE CASCADE,
    text_hash    bytea  NOT NULL,
    model        text   NOT NULL,
    vector       real[] NOT NULL
);
