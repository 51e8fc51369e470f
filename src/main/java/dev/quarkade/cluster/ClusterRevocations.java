package dev.quarkade.cluster;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.quarkade.auth.RevokedSessions;
import dev.quarkade.auth.SessionRevoked;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;

/**
 * Revocations reach every node (cluster mode only): a session revoked on one node (logout, a reused refresh token) is
 * published on the Redis channel {@value #CHANNEL}, and every other node adds it to its {@link RevokedSessions} and
 * fires {@link SessionRevoked} there, which closes that session's sockets and ends its admin feeds as on the node
 * that revoked it. A message carries the session, the node that sent it and the reason; a node ignores its own
 * messages and sessions it already knows are revoked, and a relayed revocation is marked as such, so it is never
 * published again.
 *
 * <p>
 * Pub/sub delivers to the nodes subscribed at that moment; a node that misses a message (restarting, or cut off from
 * Redis) still refuses the session's tokens at the next upgrade or REST call, since the database is the truth.
 */
@ApplicationScoped
public class ClusterRevocations {

    static final String CHANNEL = "quarkade:revoked";
    private static final Logger LOG = Logger.getLogger(ClusterRevocations.class);

    private final ClusterMode mode;
    private final Instance<ReactiveRedisDataSource> redis;
    private final Instance<ClusterNode> node;
    private final RevokedSessions revoked;
    private final Event<SessionRevoked> revokedHere;

    ClusterRevocations(ClusterMode mode, Instance<ReactiveRedisDataSource> redis, Instance<ClusterNode> node,
            RevokedSessions revoked, Event<SessionRevoked> revokedHere) {
        this.mode = mode;
        this.redis = redis;
        this.node = node;
        this.revoked = revoked;
        this.revokedHere = revokedHere;
    }

    void onStart(@Observes StartupEvent event) {
        if (!mode.enabled()) {
            return;
        }
        pubsub().subscribe(CHANNEL, this::received)
                .subscribe().with(subscribed -> LOG.debugf("Listening for revocations on %s", CHANNEL),
                        failure -> LOG.warnf("Not listening for other nodes' revocations: %s", failure.getMessage()));
    }

    /** Publishes a revocation made on this node; one relayed here from another node is not sent again. */
    void onRevoked(@Observes SessionRevoked event) {
        if (!mode.enabled() || event.fromAnotherNode()) {
            return;
        }
        pubsub().publish(CHANNEL, event.sessionId() + " " + node.get().id() + " " + event.reason())
                .subscribe().with(sent -> {
                }, failure -> LOG.warnf("Revocation of session %s not sent to the other nodes: %s", event.sessionId(),
                        failure.getMessage()));
    }

    private void received(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3 || parts[1].equals(node.get().id())) {
            return;
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (revoked.contains(sessionId)) {
            return;
        }
        revoked.add(sessionId);
        revokedHere.fire(new SessionRevoked(sessionId, parts[2], true));
    }

    private ReactivePubSubCommands<String> pubsub() {
        return redis.get().pubsub(String.class);
    }
}
