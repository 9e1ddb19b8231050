-- What recsys-service knows about viewers, from ugc-service's events, and what it recommends.

-- Every event applied, so that a redelivered one (at least once) changes nothing.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- A viewer's stand on a film: reaction 1 = liked, -1 = disliked, NULL = none; excluded = "not interested".
CREATE TABLE user_film (
    user_id    uuid        NOT NULL,
    film_id    uuid        NOT NULL,
    reaction   smallint    CHECK (reaction IN (-1, 1)),
    excluded   boolean     NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, film_id)
);
-- co-likes: who else liked this film
CREATE INDEX user_film_liked ON user_film (film_id, user_id) WHERE reaction = 1;

-- When each viewer's recommendations are due to be computed again; claimed with SKIP LOCKED.
CREATE TABLE user_refresh (
    user_id      uuid PRIMARY KEY,
    due_at       timestamptz,
    seed_film_id uuid,
    refreshed_at timestamptz
);
CREATE INDEX user_refresh_due ON user_refresh (due_at) WHERE due_at IS NOT NULL;

-- The top recommendations per viewer, best first.
CREATE TABLE recommendation (
    user_id  uuid     NOT NULL,
    position smallint NOT NULL,
    film_id  uuid     NOT NULL,
    source   text     NOT NULL CHECK (source IN ('llm', 'similar', 'popular')),
    reason   text     NOT NULL,
    PRIMARY KEY (user_id, position)
);

-- The platform's votes per film; dirty until written into the film's document in Elasticsearch.
CREATE TABLE film_votes (
    film_id  uuid PRIMARY KEY,
    likes    integer NOT NULL DEFAULT 0 CHECK (likes >= 0),
    dislikes integer NOT NULL DEFAULT 0 CHECK (dislikes >= 0),
    dirty    boolean NOT NULL DEFAULT true
);
CREATE INDEX film_votes_dirty ON film_votes (film_id) WHERE dirty;
