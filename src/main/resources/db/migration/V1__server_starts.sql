-- One row per start of a Quarkade process: lets operators (and restart recovery) see when the server came up.
CREATE TABLE server_starts (
    id          BIGSERIAL PRIMARY KEY,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     VARCHAR(64) NOT NULL,
    host        VARCHAR(255) NOT NULL
);
