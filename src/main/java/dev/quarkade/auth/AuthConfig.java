package dev.quarkade.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for passwords and login throttling ({@code quarkade.auth.*}). */
@ConfigMapping(prefix = "quarkade.auth")
public interface AuthConfig {

    /** Failed logins for one username within the lockout window that lock it. */
    @WithDefault("5")
    int maxFailedLogins();

    /** How far back failures count, and how long a lock lasts at most. */
    @WithDefault("15M")
    Duration lockoutWindow();

    /** bcrypt cost (log2 of the rounds) for new password hashes. */
    @WithDefault("10")
    int bcryptCost();
}
