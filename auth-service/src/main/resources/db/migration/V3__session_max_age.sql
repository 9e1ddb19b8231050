-- A session (a refresh-token family) ends at most AUTH_SESSION_MAX_AGE after its sign-in, however
-- often it is refreshed: every token of the family carries when that sign-in was.
ALTER TABLE refresh_token ADD COLUMN session_started timestamptz;
UPDATE refresh_token r SET session_started = f.started
    FROM (SELECT family_id, min(issued_at) AS started FROM refresh_token GROUP BY family_id) f
    WHERE r.family_id = f.family_id;
ALTER TABLE refresh_token ALTER COLUMN session_started SET NOT NULL;
