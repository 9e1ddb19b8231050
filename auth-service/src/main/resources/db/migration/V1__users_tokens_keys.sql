CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    login         varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    roles         text[]       NOT NULL,
    created       timestamptz  NOT NULL
);

-- Refresh tokens are stored only as SHA-256 hashes. A family is one login's chain of rotations:
-- presenting a spent token revokes the whole family (someone else holds a copy).
CREATE TABLE refresh_token (
    token_hash char(64)    PRIMARY KEY,
    family_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

CREATE TABLE login_event (
    id         bigserial PRIMARY KEY,
    user_id    uuid         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    at         timestamptz  NOT NULL,
    ip         varchar(64),
    user_agent varchar(512),
    success    boolean      NOT NULL
);
CREATE INDEX login_event_user_at ON login_event (user_id, at DESC);

-- Keyed by the login as typed (normalised), whether or not such a user exists, so a locked
-- account and an unknown one look the same.
CREATE TABLE login_throttle (
    login        varchar(128) PRIMARY KEY,
    failures     int          NOT NULL,
    locked_until timestamptz,
    updated      timestamptz  NOT NULL
);

CREATE TABLE signing_key (
    kid         varchar(64) PRIMARY KEY,
    private_key text        NOT NULL,
    public_key  text        NOT NULL,
    created     timestamptz NOT NULL,
    superseded  timestamptz
);
