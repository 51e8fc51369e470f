-- The operators' audit trail: one row per admin action (close a room, kick a player), written before the action is
-- carried out, so no action happens unrecorded. Rows are never updated or deleted by the server.
CREATE TABLE admin_actions (
    id         UUID PRIMARY KEY,
    admin_id   UUID NOT NULL REFERENCES players (id),
    action     VARCHAR(32) NOT NULL,
    -- "room:<roomId>" or "room:<roomId>/player:<playerId>"
    target     VARCHAR(100) NOT NULL,
    reason     VARCHAR(200) NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
-- GET /api/admin/actions: newest first.
CREATE INDEX admin_actions_at ON admin_actions (at DESC, id DESC);
-- The operator console searches the connection audit by room too (by player it reads connection_events_player).
CREATE INDEX connection_events_room ON connection_events (room_id, opened_at DESC, id DESC);
