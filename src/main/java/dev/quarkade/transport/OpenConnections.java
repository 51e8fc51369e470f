package dev.quarkade.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.quarkade.auth.RevokedSessions;
import dev.quarkade.auth.SessionRevoked;
import dev.quarkade.auth.TokenClaims;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Every open game connection on this node with the player and session it belongs to. Closes connections with
 * 1008 (policy violation) when their session is revoked, and when their access token expires unless
 * {@link #extend} was called with a fresher token first.
 */
@ApplicationScoped
public class OpenConnections {

    /** WebSocket close code for a connection whose credentials are no longer good (RFC 6455, 7.4.1). */
    public static final int POLICY_VIOLATION = 1008;
    static final CloseReason SESSION_REVOKED = new CloseReason(POLICY_VIOLATION, "session revoked");
    static final CloseReason TOKEN_EXPIRED = new CloseReason(POLICY_VIOLATION, "token expired");

    private static final Logger LOG = Logger.getLogger(OpenConnections.class);

    private final Map<String, Tracked> byId = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final RevokedSessions revoked;

    OpenConnections(Vertx vertx, RevokedSessions revoked) {
        this.vertx = vertx;
        this.revoked = revoked;
    }

    /** One open connection and the token currently vouching for it. */
    private static final class Tracked {
        final WebSocketConnection connection;
        TokenClaims claims;
        long expiryTimer = -1;

        Tracked(WebSocketConnection connection, TokenClaims claims) {
            this.connection = connection;
            this.claims = claims;
        }
    }

    /** Starts tracking a connection that passed the upgrade check, with its expiry timer. */
    public void register(WebSocketConnection connection, TokenClaims claims) {
        Tracked tracked = new Tracked(connection, claims);
        byId.put(connection.id(), tracked);
        schedule(tracked, claims);
        // A logout that landed between the upgrade check and now would otherwise miss this connection.
        if (revoked.contains(claims.sessionId())) {
            close(tracked, SESSION_REVOKED);
        }
    }

    public void unregister(WebSocketConnection connection) {
        Tracked tracked = byId.remove(connection.id());
        if (tracked != null) {
            synchronized (tracked) {
                vertx.cancelTimer(tracked.expiryTimer);
            }
        }
    }

    /**
     * Moves a connection's expiry to that of a fresher token, which the caller verified with
     * {@code TokenVerifier.verifyForConnection} for this connection's player. Answers false when the connection is
     * gone or the token belongs to someone else.
     */
    public boolean extend(String connectionId, TokenClaims fresh) {
        Tracked tracked = byId.get(connectionId);
        if (tracked == null) {
            return false;
        }
        synchronized (tracked) {
            if (!tracked.claims.playerId().equals(fresh.playerId())) {
                return false;
            }
            tracked.claims = fresh;
            vertx.cancelTimer(tracked.expiryTimer);
        }
        schedule(tracked, fresh);
        return true;
    }

    /** The claims a connection currently holds, if it is open. */
    public Optional<TokenClaims> claims(String connectionId) {
        Tracked tracked = byId.get(connectionId);
        return tracked == null ? Optional.empty() : Optional.of(tracked.claims);
    }

    /** Ids of the open connections of a player. */
    public List<String> ofPlayer(UUID playerId) {
        return byId.values().stream().filter(t -> t.claims.playerId().equals(playerId))
                .map(t -> t.connection.id()).toList();
    }

    public int count() {
        return byId.size();
    }

    void onSessionRevoked(@Observes SessionRevoked event) {
        byId.values().stream().filter(t -> t.claims.sessionId().equals(event.sessionId()))
                .forEach(t -> close(t, SESSION_REVOKED));
    }

    private void schedule(Tracked tracked, TokenClaims claims) {
        long delay = Math.max(1, Duration.between(Instant.now(), claims.expiresAt()).toMillis());
        // Set and recorded under the lock the callback takes, so a timer firing at once still finds its own id.
        synchronized (tracked) {
            tracked.expiryTimer = vertx.setTimer(delay, id -> {
                synchronized (tracked) {
                    if (tracked.expiryTimer != id) {
                        return; // extended meanwhile
                    }
                }
                close(tracked, TOKEN_EXPIRED);
            });
        }
    }

    private void close(Tracked tracked, CloseReason reason) {
        LOG.debugf("Closing connection %s of player %s: %s", tracked.connection.id(), tracked.claims.playerId(),
                reason.getMessage());
        ServerClose.close(tracked.connection, reason.getCode(), reason.getMessage());
    }
}
