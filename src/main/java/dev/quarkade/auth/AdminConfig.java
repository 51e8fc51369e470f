package dev.quarkade.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Who operates the server ({@code quarkade.admin.*}): registered accounts whose tokens carry the admin role. */
@ConfigMapping(prefix = "quarkade.admin")
public interface AdminConfig {

    /**
     * Usernames (registered accounts, any case) granted the role "admin" when their tokens are issued: at login and
     * at every refresh. Unset: nobody.
     */
    Optional<List<String>> usernames();

    /** Whether {@code username} (null for a guest) is listed; guests never are. */
    default boolean isAdmin(String username) {
        if (username == null) {
            return false;
        }
        String wanted = username.toLowerCase(Locale.ROOT);
        return usernames().orElse(List.of()).stream().anyMatch(u -> u.strip().toLowerCase(Locale.ROOT).equals(wanted));
    }
}
