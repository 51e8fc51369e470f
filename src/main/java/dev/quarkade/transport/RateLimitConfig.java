package dev.quarkade.transport;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-connection limits ({@code quarkade.rate-limit.*}). */
@ConfigMapping(prefix = "quarkade.rate-limit")
public interface RateLimitConfig {

    /** Messages per second one connection may send on average; over it the connection closes with 1008. */
    @WithDefault("60")
    int messagesPerSecond();

    /** Messages one connection may send in a burst above the average. */
    @WithDefault("120")
    int burst();

    /**
     * TOKEN_REFRESH messages are accepted at most once per this interval per connection (each costs a session check);
     * one sooner closes the connection with 1008 "token refresh too often".
     */
    @WithDefault("10s")
    Duration tokenRefreshInterval();
}
