-- A result keeps the player's name at the time and a copy of the match's end, so that a player's history is read
-- newest first straight from one index, however many matches they have played.
ALTER TABLE match_players ADD COLUMN name VARCHAR(24), ADD COLUMN ended_at TIMESTAMPTZ;
UPDATE match_players mp SET name = p.name, ended_at = m.ended_at
FROM players p, matches m WHERE p.id = mp.player_id AND m.id = mp.match_id;
ALTER TABLE match_players ALTER COLUMN name SET NOT NULL, ALTER COLUMN ended_at SET NOT NULL;
DROP INDEX match_players_player;
CREATE INDEX match_players_player_ended ON match_players (player_id, ended_at DESC, match_id DESC);

-- One leaderboard line per player per game, updated in the transaction that records each of their matches:
-- the leaderboard is a read of the first rows of an index, never an aggregate over all matches.
CREATE TABLE player_stats (
    game            VARCHAR(32) NOT NULL,
    player_id       UUID NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    name            VARCHAR(24) NOT NULL,
    wins            INTEGER NOT NULL,
    total_score     BIGINT NOT NULL,
    matches_played  INTEGER NOT NULL,
    PRIMARY KEY (game, player_id)
);
CREATE INDEX player_stats_ranking ON player_stats (game, wins DESC, total_score DESC, player_id);

INSERT INTO player_stats (game, player_id, name, wins, total_score, matches_played)
SELECT m.game, mp.player_id, (array_agg(mp.name ORDER BY mp.ended_at DESC))[1],
       count(*) FILTER (WHERE mp.placement = 1), sum(mp.score), count(*)
FROM match_players mp JOIN matches m ON m.id = mp.match_id
GROUP BY m.game, mp.player_id;
