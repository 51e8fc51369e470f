package dev.quarkade.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for passwords, login throttling and what one client address may ask ({@code quarkade.auth.*}). */
@ConfigMapping(prefix = "quarkade.auth")
public interface AuthConfig {

    /** Failed logins of one username from one client address that are free; after them each attempt waits. */
    @WithDefault("5")
    int maxFailedLogins();

    /** How long a (username, address) pair's failures are remembered after its last, and the longest wait. */
    @WithDefault("15M")
    Duration lockoutWindow();

    /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
    @WithDefault("30S")
    Duration failedLoginDelay();

    /** bcrypt cost (log2 of the rounds) for new password hashes. */
    @WithDefault("10")
    int bcryptCost();

    /** Login and register requests one client address may make per minute (a burst of this many). */
    @WithDefault("30")
    int loginsPerAddress();

    /** Guest accounts one client address may create per minute (a burst of this many). */
    @WithDefault("30")
    int guestsPerAddress();

    /** Client addresses (and username-address pairs) each of these limits remembers at most. */
    @WithDefault("100000")
    long trackedAddresses();

    /**
     * bcrypt hashes computed at once at most; a login or register finding them all busy is answered 429
     * {@code server_busy}. Unset: half the processors, at least one, so password work never takes every core from
     * the game ticks.
     */
    Optional<Integer> maxConcurrentHashes();

    default int concurrentHashes() {
        return maxConcurrentHashes().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
