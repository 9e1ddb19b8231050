-- The instances refreshing viewers, each beating every few seconds. A viewer claimed by an instance
-- that stopped beating (killed, cut off) is due again at once instead of when its lease runs out.
CREATE TABLE refresh_instance (
    id       uuid PRIMARY KEY,
    alive_at timestamptz NOT NULL
);

-- A claimed viewer is refreshed by its instance alone, even when an event makes it due meanwhile;
-- a claim older than the lease is void (the refresh hung or failed).
ALTER TABLE user_refresh ADD COLUMN claimed_by uuid, ADD COLUMN claimed_at timestamptz;
CREATE INDEX user_refresh_claimed ON user_refresh (claimed_by) WHERE claimed_by IS NOT NULL;
