package dev.quarkade.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The slow-down of guessing one username from one address, without a server. */
class LoginThrottleTest {

    private static LoginThrottle throttle(long tracked) {
        return new LoginThrottle(new AuthConfig() {
            public int maxFailedLogins() {
                return 5;
            }

            public Duration lockoutWindow() {
                return Duration.ofMinutes(15);
            }

            public Duration failedLoginDelay() {
                return Duration.ofSeconds(30);
            }

            public int bcryptCost() {
                return 4;
            }

            public int loginsPerAddress() {
                return 30;
            }

            public int guestsPerAddress() {
                return 30;
            }

            public long trackedAddresses() {
                return tracked;
            }

            public Optional<Integer> maxConcurrentHashes() {
                return Optional.empty();
            }
        });
    }

    @Test
    void theFreeFailuresCostNothingThenEachWaitDoublesUpToTheWindow() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("victim", "203.0.113.7");
        }
        assertThat(throttle.waitFor("victim", "203.0.113.7")).isEmpty();
        throttle.recordFailure("victim", "203.0.113.7");
        assertThat(throttle.waitFor("victim", "203.0.113.7")).get()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
        throttle.recordFailure("victim", "203.0.113.7");
        assertThat(throttle.waitFor("Victim", "203.0.113.7")).get()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
        for (int i = 0; i < 60; i++) {
            throttle.recordFailure("victim", "203.0.113.7");
        }
        assertThat(throttle.waitFor("victim", "203.0.113.7")).get()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15)));
    }

    @Test
    void anotherAddressOfTheSameUsernameNeverWaits() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("victim", "203.0.113.7");
        }
        assertThat(throttle.waitFor("victim", "198.51.100.2")).isEmpty();
        throttle.reset("victim", "203.0.113.7");
        assertThat(throttle.waitFor("victim", "203.0.113.7")).isEmpty();
    }

    @Test
    void itRemembersAtMostTheTrackedNumberOfPairs() {
        LoginThrottle throttle = throttle(100);
        for (int i = 0; i < 5000; i++) {
            throttle.recordFailure("user" + i, "203.0.113." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(100);
    }
}
