package dev.quarkade.transport;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.auth.BearerHeader;
import dev.quarkade.auth.InvalidTokenException;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.auth.TokenVerifier;
import dev.quarkade.lobby.Lobby;
import dev.quarkade.lobby.Lobby.Admission;
import dev.quarkade.persistence.PersistenceConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Runs before every WebSocket upgrade: a browser Origin not on the allowlist gets 403, a missing or bad access
 * token 401 (503 when the session store does not answer within {@code quarkade.persistence.database-timeout}),
 * then the {@link Lobby} answers 404 (no such room), 409 (no seat) or, in cluster mode, 421 (the room runs on
 * another node, whose URL the answer carries), after restoring the room from its snapshot when rooms are durable and
 * its node is gone, so no endpoint ever sees an unauthenticated or unseated connection. (A room of another live node
 * is mostly answered earlier, with a JSON body, by the cluster's {@code WrongNodeRoute}.) On success the token's claims travel
 * to
 * the connection as user data under
 * {@link #CLAIMS}.
 *
 * <p>
 * The token is read from {@code Authorization: Bearer}. Browsers, which cannot set that header, send it as the
 * subprotocol {@code quarkus-http-upgrade#Authorization#Bearer <jwt>} (URL-encoded) next to
 * {@code bearer-token-carrier}; Quarkus turns it into the header before this check runs
 * ({@code quarkus.websockets-next.server.propagate-subprotocol-headers}). The query string is never read.
 */
@ApplicationScoped
public class HandshakeCheck implements HttpUpgradeCheck {

    /** The verified claims of the token the connection was opened with. */
    public static final UserData.TypedKey<TokenClaims> CLAIMS = new UserData.TypedKey<>("quarkade.token-claims");
    /**
     * The HTTP connection under the WebSocket: failures of the frame decoder are reported there, not to the endpoint
     * (see {@link RoomSocket}), and its Netty handler is where {@link ConnectionChannel} writes each tick's frames.
     */
    static final UserData.TypedKey<HttpConnection> HTTP_CONNECTION = new UserData.TypedKey<>("quarkade.http-connection");

    private static final Logger LOG = Logger.getLogger(HandshakeCheck.class);
    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate",
            List.of("Bearer"));

    private final AllowedOrigins origins;
    private final TokenVerifier verifier;

    private final Lobby lobby;
    private final PersistenceConfig persistence;

    HandshakeCheck(AllowedOrigins origins, TokenVerifier verifier, Lobby lobby,
            PersistenceConfig persistence) {
        this.origins = origins;
        this.verifier = verifier;
        this.lobby = lobby;
        this.persistence = persistence;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        // Origin first: a cross-site page is refused without spending a database look-up on its token.
        if (origin != null && !origins.allows(origin, request.getHeader(HttpHeaders.HOST))) {
            LOG.debugf("Upgrade refused: origin %s not allowed", origin);
            return CheckResult.rejectUpgrade(403);
        }
        String token = BearerHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return CheckResult.rejectUpgrade(401, CHALLENGE);
        }
        // The session look-up and a room's restore need the database: one that hangs (paused, half-open) must not
        // hold the upgrade.
        return verifier.verify(token).ifNoItem().after(persistence.databaseTimeout()).fail()
                // Only an authenticated player learns whether a room exists or is full.
                .flatMap(claims -> lobby.admit(context.pathParam("roomId"), claims.playerId())
                        .ifNoItem().after(persistence.databaseTimeout()).fail().map(decision -> {
                            if (decision.status() == Admission.WRONG_NODE) {
                                return CheckResult.rejectUpgradeSync(decision.status(),
                                        Map.of(Admission.NODE_URL_HEADER, List.of(decision.wsUrl())));
                            }
                            if (decision.status() != Admission.ADMITTED) {
                                return CheckResult.rejectUpgradeSync(decision.status());
                            }
                            context.userData().put(CLAIMS, claims);
                            context.userData().put(HTTP_CONNECTION, request.connection());
                            return CheckResult.permitUpgradeSync();
                        }))
                .onFailure(InvalidTokenException.class).recoverWithItem(e -> {
                    LOG.debugf("Upgrade refused: %s", e.getMessage());
                    return CheckResult.rejectUpgradeSync(401, CHALLENGE);
                })
                .onFailure().recoverWithItem(e -> {
                    // The session store is unreachable: neither let the player in nor tell them their token is bad.
                    LOG.warnf("Upgrade refused, cannot check the session: %s", e.getMessage());
                    return CheckResult.rejectUpgradeSync(503);
                });
    }
}
