package dev.quarkade.transport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Heartbeats at half the default pace's scale (1 s / 3 s) and a short grace, so liveness tests finish quickly; seat
 * holds long enough (2 min) that peers quick-played one by one on a loaded machine still find their seats held.
 */
public class FastHeartbeat implements QuarkusTestProfile {

    static final long INTERVAL_MS = 1000;
    static final long TIMEOUT_MS = 3000;
    static final long GRACE_MS = 8000;
    static final String SEAT_HOLD = "120s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkade.heartbeat.interval", INTERVAL_MS + "ms",
                "quarkade.heartbeat.timeout", TIMEOUT_MS + "ms",
                "quarkade.reconnect.grace", GRACE_MS + "ms", "quarkade.room.seat-hold", SEAT_HOLD);
    }
}
