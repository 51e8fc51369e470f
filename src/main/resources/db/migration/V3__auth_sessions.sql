-- A login session: the "sid" claim of every access token it issues, and one refresh-token family.
CREATE TABLE auth_sessions (
    id              UUID PRIMARY KEY,
    player_id       UUID NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ,
    revoked_reason  VARCHAR(32)
);

CREATE INDEX auth_sessions_player ON auth_sessions (player_id);

-- Refresh tokens are stored only as SHA-256 hashes: a database leak must not hand out live sessions.
-- rotated_at is set when the token is exchanged; presenting it again is reuse and revokes the session.
CREATE TABLE refresh_tokens (
    token_hash  CHAR(64) PRIMARY KEY,
    session_id  UUID NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
