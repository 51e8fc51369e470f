package dev.quarkade.room;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Durable rooms on, snapshotted every 200 ms: what the cluster mode turns on, with a short interval for tests. */
public class DurableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkade.room.durable", "true", "quarkade.room.snapshot-interval", "200ms");
    }
}
