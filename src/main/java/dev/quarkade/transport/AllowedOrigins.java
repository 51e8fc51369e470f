package dev.quarkade.transport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which browser origins may open a WebSocket. Browsers send Origin on every upgrade and scripts cannot
 * forge it, so this is what stops another web site from opening a game connection with a player's credentials.
 * Native clients send no Origin and are not concerned.
 *
 * <p>
 * {@code quarkade.allowed-origins} lists origins besides the server's own: exact ones such as
 * {@code https://play.example.com}, or {@code scheme://host:*} for any port of a host.
 */
@ApplicationScoped
public class AllowedOrigins {

    private static final String ANY_PORT = ":*";

    private final List<String> patterns;

    // A plain property, not a @ConfigMapping: a mapping rooted at "quarkade" would claim every quarkade.* key.
    @Inject
    AllowedOrigins(@ConfigProperty(name = "quarkade.allowed-origins") Optional<List<String>> patterns) {
        this(patterns.orElse(List.of()));
    }

    AllowedOrigins(List<String> patterns) {
        this.patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .toList();
    }

    /**
     * Whether a browser from {@code origin} may connect to this server, reached as {@code host} (the Host header).
     */
    public boolean allows(String origin, String host) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (host != null && authority(o).equals(host.trim().toLowerCase(Locale.ROOT))) {
            return true; // same origin
        }
        for (String pattern : patterns) {
            if (pattern.equals(o) || matchesAnyPort(pattern, o)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAnyPort(String pattern, String origin) {
        if (!pattern.endsWith(ANY_PORT)) {
            return false;
        }
        String base = pattern.substring(0, pattern.length() - ANY_PORT.length());
        if (origin.equals(base)) {
            return true;
        }
        return origin.startsWith(base + ":") && origin.substring(base.length() + 1).matches("[0-9]{1,5}");
    }

    /** "http://host:port" without the scheme, as a Host header would carry it; "null" and junk give "". */
    private static String authority(String origin) {
        int scheme = origin.indexOf("://");
        return scheme < 0 ? "" : origin.substring(scheme + 3);
    }
}
