-- The collaborative model recsys-training writes (Spark MLlib ALS, implicit feedback): one row per
-- training run, its films' factors beside it. Serving reads only the one model marked serving; a
-- run writes its factors first and marks its model serving last, in one transaction, so that no
-- reader ever sees half a model.
CREATE TABLE model (
    version            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trained_at         timestamptz NOT NULL DEFAULT now(),
    rank               integer NOT NULL CHECK (rank > 0),
    regularization     double precision NOT NULL,
    alpha              double precision NOT NULL,
    iterations         integer NOT NULL,
    viewers            integer NOT NULL,
    films              integer NOT NULL,
    verdicts           bigint NOT NULL,
    -- NDCG@10 on the run's own validation split, with its 95% interval and how many viewers it holds
    validation_ndcg    double precision NOT NULL,
    validation_low     double precision NOT NULL,
    validation_high    double precision NOT NULL,
    validation_viewers integer NOT NULL,
    -- 'writing' while its factors go in; 'serving'; 'rejected' (worse than the serving one); 'retired'
    state              text NOT NULL DEFAULT 'writing' CHECK (state IN ('writing', 'serving', 'rejected', 'retired')),
    seconds            double precision
);
CREATE UNIQUE INDEX model_one_serving ON model (state) WHERE state = 'serving';

CREATE TABLE model_film_factor (
    version bigint NOT NULL REFERENCES model ON DELETE CASCADE,
    film_id uuid   NOT NULL,
    factors real[] NOT NULL,
    PRIMARY KEY (version, film_id)
);
