-- Players: guests (no username, no password) and registered accounts.
CREATE TABLE players (
    id             UUID PRIMARY KEY,
    name           VARCHAR(24) NOT NULL,
    username       VARCHAR(24),
    password_hash  VARCHAR(100),
    guest          BOOLEAN NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT players_account_complete CHECK (guest OR (username IS NOT NULL AND password_hash IS NOT NULL))
);

-- Usernames are unique regardless of case, so "Alice" and "alice" cannot both register.
CREATE UNIQUE INDEX players_username_lower ON players (lower(username));
