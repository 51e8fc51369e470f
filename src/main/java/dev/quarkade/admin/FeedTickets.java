package dev.quarkade.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.auth.RandomTokens;
import dev.quarkade.auth.TokenClaims;

/**
 * One-time tickets for the live feed. A browser's EventSource cannot send an Authorization header, and the access
 * token must never be in a URL (logs, history), so the console trades its token for a ticket that opens one feed,
 * once, within {@link #TTL}. The feed it opens ends when the token it was bought with expires, or when that token's
 * session is revoked (logout), whichever comes first.
 */
@ApplicationScoped
public class FeedTickets {

    static final Duration TTL = Duration.ofSeconds(30);
    private static final int TICKET_BYTES = 24;

    /** What a ticket stands for: whose it is, the session it was bought in and when the feed it opens must end. */
    record Ticket(UUID adminId, UUID sessionId, Instant feedEndsAt, Instant expiresAt) {
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final RandomTokens random;

    FeedTickets(RandomTokens random) {
        this.random = random;
    }

    /** A new ticket for the admin holding {@code claims}. */
    public String issue(TokenClaims claims) {
        Instant now = Instant.now();
        tickets.values().removeIf(t -> t.expiresAt().isBefore(now));
        String value = random.urlSafe(TICKET_BYTES);
        tickets.put(value, new Ticket(claims.playerId(), claims.sessionId(), claims.expiresAt(), now.plus(TTL)));
        return value;
    }

    /** The ticket's grant, once: a second try, an unknown or an expired ticket is empty. */
    Optional<Ticket> redeem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Ticket ticket = tickets.remove(value);
        return ticket == null || ticket.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(ticket);
    }
}
