package dev.quarkade.transport;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.auth.TokenVerifier;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * TOKEN_REFRESH on an open connection: a fresh token of the same player extends the connection past the old token's
 * expiry (answered TOKEN_ACCEPTED); any other token closes it with 1008 "token refused".
 */
@ApplicationScoped
class InBandTokenRefresh {

    private final TokenVerifier verifier;
    private final OpenConnections openConnections;

    InBandTokenRefresh(TokenVerifier verifier, OpenConnections openConnections) {
        this.verifier = verifier;
        this.openConnections = openConnections;
    }

    void refresh(PlayerConnection player, String token) {
        // The session look-up uses Hibernate Reactive, which wants its own safe duplicated context; messages come
        // from InboundFrames on the event loop's own context.
        Context isolated = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(isolated, true);
        isolated.runOnContext(ignored -> verifier.verifyForConnection(token, player.playerId()).subscribe().with(
                claims -> {
                    if (openConnections.extend(player.connection().id(), claims)) {
                        player.channel().sendNow(InboundPipeline.encode(
                                new ServerMessage.TokenAccepted(claims.expiresAt().toEpochMilli())));
                    }
                },
                failure -> ServerClose.close(player.connection(), CloseCodes.POLICY_VIOLATION, "token refused")));
    }
}
