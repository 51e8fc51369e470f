package dev.quarkade.auth;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.AddressQuota;
import dev.quarkade.api.ApiException;

/**
 * What one client address may ask of the account endpoints per minute: password attempts (login and register, each
 * a bcrypt hash) and guest accounts. Over it: 429 {@code too_many_attempts} or {@code too_many_guests} with
 * {@code Retry-After}. The address is {@link dev.quarkade.api.ClientAddress}'s.
 */
@ApplicationScoped
public class AuthLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AddressQuota passwordAttempts;
    private final AddressQuota guests;

    AuthLimits(AuthConfig config) {
        this.passwordAttempts = new AddressQuota(config.loginsPerAddress(), WINDOW, config.trackedAddresses());
        this.guests = new AddressQuota(config.guestsPerAddress(), WINDOW, config.trackedAddresses());
    }

    /** Takes one password attempt for {@code address}, or throws the 429. */
    void passwordAttempt(String address) {
        take(passwordAttempts, address, "too_many_attempts", "Too many logins and registrations from your address");
    }

    /** Takes one guest account for {@code address}, or throws the 429. */
    void guest(String address) {
        take(guests, address, "too_many_guests", "Too many guest sign-ins from your address");
    }

    private static void take(AddressQuota quota, String address, String code, String message) {
        OptionalLong wait = quota.take(address);
        if (wait.isPresent()) {
            throw ApiException.tooManyRequests(code, message + "; try again in " + wait.getAsLong() + " s",
                    wait.getAsLong());
        }
    }
}
