-- Durable rooms (quarkade.room.durable): the newest snapshot of each open room, one row per room, overwritten by
-- newer ticks only. owner is the node incarnation (host/random, new at every process start) that runs the room; a
-- node restoring the room of a dead one takes the row over with a conditional UPDATE on owner. The row is deleted
-- when the room ends for good (disposed when empty, closed by an operator).
CREATE TABLE room_snapshots (
    room_id         VARCHAR(32) PRIMARY KEY,
    owner           VARCHAR(300) NOT NULL,
    game            VARCHAR(64) NOT NULL,
    capacity        SMALLINT NOT NULL,
    tick            BIGINT NOT NULL,
    taken_at        TIMESTAMPTZ NOT NULL,
    -- the version of the body's layout (room.CarriedRoom.VERSION): a node never misreads another layout
    format_version  SMALLINT NOT NULL,
    -- room.CarriedRoom: id, game, capacity, tick, status, seats, the world and the match's start, in the protocol's
    -- primitives
    body            BYTEA NOT NULL
);
-- The rooms of one node (operations: what a dead node left behind).
CREATE INDEX room_snapshots_owner ON room_snapshots (owner);
