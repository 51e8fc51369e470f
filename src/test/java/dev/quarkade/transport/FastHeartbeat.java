package dev.quarkade.transport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Heartbeats at half the default pace's scale (1 s / 3 s) and a short grace, so liveness tests finish quickly. */
public class FastHeartbeat implements QuarkusTestProfile {

    static final long INTERVAL_MS = 1000;
    static final long TIMEOUT_MS = 3000;
    static final long GRACE_MS = 8000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkade.heartbeat.interval", INTERVAL_MS + "ms",
                "quarkade.heartbeat.timeout", TIMEOUT_MS + "ms",
                "quarkade.reconnect.grace", GRACE_MS + "ms");
    }
}
