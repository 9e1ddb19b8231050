-- The LLM is asked for a viewer only when their reactions changed since its last answer
-- (llm.LlmCadence): the reactions applied since are counted beside the viewer's refresh, in the
-- transaction that applies them; an answer takes away the ones its prompt saw.
ALTER TABLE user_refresh ADD COLUMN llm_changes integer NOT NULL DEFAULT 0, ADD COLUMN llm_changed_at timestamptz;

-- The LLM's last answer per viewer, which stands between calls: its films in its order, each with its reason.
CREATE TABLE llm_answer (
    user_id     uuid PRIMARY KEY,
    asked_at    timestamptz,
    failed_at   timestamptz,
    films       uuid[] NOT NULL DEFAULT '{}',
    reasons     text[] NOT NULL DEFAULT '{}'
);

-- Calls and tokens spent per day (UTC), shared by every instance: over either budget, no call is made.
CREATE TABLE llm_budget (
    day    date PRIMARY KEY,
    calls  integer NOT NULL DEFAULT 0,
    tokens bigint NOT NULL DEFAULT 0
);

-- Viewers who reacted before the LLM's answers were kept have one change it has not seen.
UPDATE user_refresh SET llm_changes = 1, llm_changed_at = now() WHERE user_id IN (SELECT user_id FROM user_film);
