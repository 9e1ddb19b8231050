-- What the training job (recsys-training, logged in as its own role: TRAINING_POSTGRES_USER) may do in
-- this service's database, and nothing more: read the likes, write the model. Flyway runs this callback
-- after every migration run, at each start, so that the grants follow the tables and the role named
-- now (a repeatable migration would run again only when its text changed). A table the job comes to
-- need is granted here, in the same change that makes it: default privileges would grant it every
-- table this service makes, the viewers' LLM answers and budgets among them. Without a role of its
-- own the job logs in as this service's role, which owns these tables already: nothing changes.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${training_user}";
-- recsys-training's Reactions: the viewers' likes, dislikes and "not interested"
GRANT SELECT ON user_film TO "${training_user}";
-- recsys-training's ModelStore: a run's model row (its version from the identity column), its factors,
-- and the runs it retires or removes
GRANT SELECT, INSERT, UPDATE, DELETE ON model, model_film_factor TO "${training_user}";
