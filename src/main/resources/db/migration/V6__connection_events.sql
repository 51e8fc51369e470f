-- The connection audit: one row per room connection, inserted when it opens and completed when it closes.
-- A row whose closed_at stays NULL after its node restarted is closed as "server lost" (1006) at that start.
CREATE TABLE connection_events (
    id              UUID PRIMARY KEY,
    player_id       UUID NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    room_id         VARCHAR(32) NOT NULL,
    node            VARCHAR(255) NOT NULL,
    remote_address  VARCHAR(128),
    opened_at       TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ,
    close_code      SMALLINT,
    close_reason    VARCHAR(123)
);
-- GET /api/me/connections: a player's connections, newest first.
CREATE INDEX connection_events_player ON connection_events (player_id, opened_at DESC, id DESC);
-- Restart recovery looks only at the rows still open, which are few.
CREATE INDEX connection_events_left_open ON connection_events (node, opened_at) WHERE closed_at IS NULL;
