package dev.quarkade.room.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.MatchEnded;
import dev.quarkade.room.RoomListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns what rooms report into metrics and CDI events. Runs on tick threads, so it only counts and fires
 * asynchronous events: observers (persistence) do their work elsewhere.
 */
@ApplicationScoped
public class RoomEvents implements RoomListener {

    private static final Logger LOG = Logger.getLogger(RoomEvents.class);

    private final MeterRegistry registry;
    private final Timer tickTimer;
    private final Event<MatchEnded> matchEnded;
    private final Map<String, Counter> bytesByRoom = new ConcurrentHashMap<>();

    public RoomEvents(MeterRegistry registry, Event<MatchEnded> matchEnded) {
        this.registry = registry;
        this.matchEnded = matchEnded;
        this.tickTimer = Timer.builder("quarkade.room.tick")
                .description("Time one room takes to run one tick (inputs, simulation, encoding, sending)")
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt, List<PlayerResult> results) {
        LOG.debugf("Match in room %s ended: %s", roomId, results);
        registry.counter("quarkade.matches.completed", "game", game).increment();
        matchEnded.fireAsync(new MatchEnded(roomId, game, startedAt, endedAt, List.copyOf(results)))
                .exceptionally(failure -> {
                    LOG.errorf(failure, "Match of room %s could not be handed over for recording", roomId);
                    return null;
                });
    }

    @Override
    public void roomClosed(String roomId) {
        Counter bytes = bytesByRoom.remove(roomId);
        if (bytes != null) {
            registry.remove(bytes); // a disposed room must not leave a time series behind for ever
        }
    }

    @Override
    public void ticked(String roomId, long nanos, long bytesSent) {
        tickTimer.record(nanos, TimeUnit.NANOSECONDS);
        if (bytesSent > 0) {
            bytesByRoom.computeIfAbsent(roomId, id -> Counter.builder("quarkade.room.bytes.sent")
                    .description("Bytes of frames a room sent").baseUnit("bytes").tag("room", id).register(registry))
                    .increment(bytesSent);
        }
    }
}
