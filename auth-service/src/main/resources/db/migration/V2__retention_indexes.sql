-- The retention deletes old rows a batch at a time: found by these indexes, not by a scan of the
-- whole table per batch.
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);
CREATE INDEX login_event_at ON login_event (at);
CREATE INDEX login_throttle_updated ON login_throttle (updated);
