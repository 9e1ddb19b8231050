-- The retention deletes the ids of events applied long ago, a batch at a time: found by this index,
-- not by a scan of the whole table per batch.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
