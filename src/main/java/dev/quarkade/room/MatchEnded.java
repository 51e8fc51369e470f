package dev.quarkade.room;

import java.time.Instant;
import java.util.List;

import dev.quarkade.game.PlayerResult;

/** A CDI event fired (asynchronously, off the tick thread) when a match ends: what persistence records. */
public record MatchEnded(String roomId, String game, Instant startedAt, Instant endedAt, List<PlayerResult> results) {
}
