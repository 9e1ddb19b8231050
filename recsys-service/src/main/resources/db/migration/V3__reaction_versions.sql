-- The version of ugc-service's document that the applied reaction and exclusion came from: an
-- event older than what is stored is ignored, so events out of order cannot bring an old state
-- back. A removed reaction keeps its row and version (a tombstone). NULL: not known (older events).
ALTER TABLE user_film ADD COLUMN reaction_version bigint;
ALTER TABLE user_film ADD COLUMN exclusion_version bigint;
