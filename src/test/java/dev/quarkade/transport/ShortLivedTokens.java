package dev.quarkade.transport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Access tokens that expire two seconds after they are issued, and no clock skew, to watch expiry happen. */
public class ShortLivedTokens implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkade.jwt.access-ttl", "2S", "quarkade.jwt.clock-skew", "0S");
    }
}
