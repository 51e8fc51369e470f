-- Finished matches and each player's result in them.
CREATE TABLE matches (
    id          UUID PRIMARY KEY,
    room_id     VARCHAR(32) NOT NULL,
    game        VARCHAR(32) NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    ended_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX matches_game_ended ON matches (game, ended_at DESC);

CREATE TABLE match_players (
    match_id   UUID NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    player_id  UUID NOT NULL REFERENCES players (id),
    seat       SMALLINT NOT NULL,
    score      INTEGER NOT NULL,
    placement  SMALLINT NOT NULL,
    PRIMARY KEY (match_id, player_id)
);
-- A player's history, newest first, is read through this index.
CREATE INDEX match_players_player ON match_players (player_id, match_id);
