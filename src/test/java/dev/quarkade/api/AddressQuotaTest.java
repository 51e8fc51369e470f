package dev.quarkade.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AddressQuotaTest {

    @Test
    void aBurstOfThePermitsPassesThenTheAddressWaitsAndOthersDoNot() {
        AddressQuota quota = new AddressQuota(3, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(quota.take("203.0.113.7")).isEmpty();
        }
        // One permit comes back every 20 s.
        assertThat(quota.take("203.0.113.7").orElseThrow()).isBetween(19L, 20L);
        assertThat(quota.take("198.51.100.2")).isEmpty();
    }

    @Test
    void itTracksAtMostItsBoundOfAddresses() {
        AddressQuota quota = new AddressQuota(1, Duration.ofMinutes(1), 50);
        for (int i = 0; i < 10_000; i++) {
            quota.take("10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(quota.size()).isLessThanOrEqualTo(50);
    }
}
