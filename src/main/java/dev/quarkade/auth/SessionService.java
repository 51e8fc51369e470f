package dev.quarkade.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import dev.quarkade.api.ApiException;
import dev.quarkade.player.Player;
import dev.quarkade.player.PlayerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Login sessions and their rotating refresh-token families: start, refresh, revoke, and "is it still active?". */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final int REFRESH_TOKEN_BYTES = 32; // 256 bits

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final PlayerRepository players;
    private final TokenIssuer issuer;
    private final RevokedSessions revoked;
    private final Event<SessionRevoked> revokedEvent;
    private final Duration refreshTtl;
    private final AdminConfig admins;
    private final RandomTokens random;

    SessionService(SessionRepository sessions, RefreshTokenRepository refreshTokens, PlayerRepository players,
            TokenIssuer issuer, RevokedSessions revoked, Event<SessionRevoked> revokedEvent, JwtConfig config,
            AdminConfig admins, RandomTokens random) {
        this.admins = admins;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.players = players;
        this.issuer = issuer;
        this.revoked = revoked;
        this.revokedEvent = revokedEvent;
        this.refreshTtl = config.refreshTtl();
        this.random = random;
    }

    /** Opens a session for a freshly created or authenticated player; must run inside a transaction. */
    public Uni<AuthTokens> start(Player player) {
        AuthSession session = new AuthSession();
        session.id = UUID.randomUUID();
        session.playerId = player.id;
        session.createdAt = Instant.now();
        return sessions.persist(session)
                .chain(() -> newRefreshToken(session.id))
                .map(refreshToken -> tokens(player, session.id, refreshToken));
    }

    /**
     * Exchanges a refresh token for a new pair. A token that was already exchanged means it leaked (or the client
     * raced itself): the whole session is revoked, the newest refresh token and open connections included.
     */
    public Uni<AuthTokens> refresh(String presented) {
        String hash = sha256(presented);
        return Panache.withTransaction(() -> refreshTokens.findForRotation(hash)
                .chain(token -> token == null
                        ? Uni.createFrom().item(Rotation.rejected("unknown refresh token"))
                        : sessions.findById(token.sessionId).chain(session -> rotate(token, session))))
                // Revocation must be committed before we answer 401, so side effects and errors come after.
                .map(this::afterCommit);
    }

    /** Revokes a session (logout); revoking twice is harmless. */
    public Uni<Void> revoke(UUID sessionId, String reason) {
        return Panache.withTransaction(() -> sessions.revoke(sessionId, reason))
                .invoke(() -> announceRevoked(sessionId, reason))
                .replaceWithVoid();
    }

    /**
     * Whether tokens of this session may still be used; the in-memory revocations first, then a session the database
     * confirmed within the last {@link #CONFIRMED_FOR_NANOS} (so a burst of handshakes or TOKEN_REFRESH messages of one
     * session costs one query), then the database. A revocation on this node is in {@code revoked} at once, so the
     * cache never lets a revoked session through here.
     */
    public Uni<Boolean> isActive(UUID sessionId, UUID playerId) {
        if (revoked.contains(sessionId)) {
            return Uni.createFrom().item(false);
        }
        long now = System.nanoTime();
        Confirmed recent = confirmed.get(sessionId);
        if (recent != null && recent.playerId().equals(playerId) && now - recent.atNanos() < CONFIRMED_FOR_NANOS) {
            return Uni.createFrom().item(true);
        }
        return Panache.withSession(() -> sessions.findById(sessionId)).map(session -> {
            if (session != null && session.revokedAt != null) {
                revoked.add(sessionId);
            }
            boolean active = session != null && session.revokedAt == null && session.playerId.equals(playerId);
            if (active) {
                if (confirmed.size() >= MAX_CONFIRMED) {
                    confirmed.clear();
                }
                confirmed.put(sessionId, new Confirmed(playerId, now));
            }
            return active;
        });
    }

    /** A session the database found active at {@code atNanos}. */
    private record Confirmed(UUID playerId, long atNanos) {
    }

    private static final long CONFIRMED_FOR_NANOS = Duration.ofSeconds(2).toNanos();
    /** Bounds the cache: past it, it starts over (a cache miss costs one query, nothing else). */
    private static final int MAX_CONFIRMED = 10_000;
    private final Map<UUID, Confirmed> confirmed = new ConcurrentHashMap<>();

    private Uni<Rotation> rotate(RefreshToken token, AuthSession session) {
        Instant now = Instant.now();
        if (session == null || session.revokedAt != null) {
            return Uni.createFrom().item(Rotation.rejected("session revoked"));
        }
        if (token.rotatedAt != null) {
            LOG.warnf("Refresh token reused in session %s: revoking the session", session.id);
            return sessions.revoke(session.id, "refresh_reuse").replaceWith(Rotation.reused(session.id));
        }
        if (token.expiresAt.isBefore(now)) {
            return Uni.createFrom().item(Rotation.rejected("refresh token expired"));
        }
        token.rotatedAt = now;
        return players.findById(session.playerId).chain(player -> player == null
                ? Uni.createFrom().item(Rotation.rejected("player deleted"))
                : newRefreshToken(session.id).map(next -> Rotation.issued(tokens(player, session.id, next))));
    }

    private AuthTokens afterCommit(Rotation rotation) {
        if (rotation.revokedSession() != null) {
            announceRevoked(rotation.revokedSession(), "refresh_reuse");
        }
        if (rotation.tokens() == null) {
            LOG.debugf("Refresh refused: %s", rotation.reason());
            throw ApiException.unauthorized("invalid_refresh_token", "The refresh token is not valid");
        }
        return rotation.tokens();
    }

    private void announceRevoked(UUID sessionId, String reason) {
        revoked.add(sessionId);
        revokedEvent.fire(new SessionRevoked(sessionId, reason));
    }

    private Uni<String> newRefreshToken(UUID sessionId) {
        String value = random.urlSafe(REFRESH_TOKEN_BYTES);
        RefreshToken token = new RefreshToken();
        token.tokenHash = sha256(value);
        token.sessionId = sessionId;
        token.issuedAt = Instant.now();
        token.expiresAt = token.issuedAt.plus(refreshTtl);
        return refreshTokens.persist(token).replaceWith(value);
    }

    private AuthTokens tokens(Player player, UUID sessionId, String refreshToken) {
        // Looked up at every issue, refreshes included: a name taken off the list loses the role within access-ttl.
        Set<String> roles = admins.isAdmin(player.username) ? Set.of(BearerIdentityProvider.ADMIN_ROLE) : Set.of();
        TokenIssuer.AccessToken access = issuer.issue(player.id, sessionId, player.name, roles);
        return new AuthTokens(player.id, player.name, access.jwt(), refreshToken, access.expiresIn());
    }

    static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** How a refresh attempt ended inside its transaction. */
    private record Rotation(AuthTokens tokens, UUID revokedSession, String reason) {

        static Rotation issued(AuthTokens tokens) {
            return new Rotation(tokens, null, null);
        }

        static Rotation rejected(String reason) {
            return new Rotation(null, null, reason);
        }

        static Rotation reused(UUID sessionId) {
            return new Rotation(null, sessionId, "refresh token reused");
        }
    }
}
