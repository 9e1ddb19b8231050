-- What makes access tokens refused before they expire, read by every service (GET /internal/v1/revocations):
-- a session signed out (its refresh-token family, the tokens' "sid": logout, logout everywhere, disabling,
-- a password change, a spent refresh token presented again), or every token of a user below a version
-- (the tokens' "ver", raised by a role change).
ALTER TABLE app_user ADD COLUMN token_version int NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN disabled boolean NOT NULL DEFAULT false;

CREATE TABLE revocation (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    session_id  uuid,
    user_id     uuid,
    min_version int,
    CHECK ((session_id IS NOT NULL) <> (user_id IS NOT NULL AND min_version IS NOT NULL))
);
CREATE INDEX revocation_at ON revocation (at);

-- What administrators did, and to whom.
CREATE TABLE admin_audit (
    id     bigserial PRIMARY KEY,
    at     timestamptz  NOT NULL,
    actor  uuid         NOT NULL,
    action varchar(32)  NOT NULL,
    target varchar(64),
    detail varchar(512)
);
CREATE INDEX admin_audit_at ON admin_audit (at DESC);
