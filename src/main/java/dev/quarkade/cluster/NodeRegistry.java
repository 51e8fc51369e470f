package dev.quarkade.cluster;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.quarkade.room.runtime.RoomRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Registers this node in Redis and keeps it registered: a key with its public URL, its load (rooms, players) and a
 * TTL of {@code quarkade.cluster.node-ttl}, renewed every third of it, so a node that dies disappears within the TTL.
 * It also runs the directory's periodic work: the room sweep of {@link DirectorySync} and the reaping of dead
 * nodes. On shutdown the node unregisters at once. In single-node mode it does nothing at all.
 */
@ApplicationScoped
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class);

    private final ClusterMode mode;
    private final Instance<ClusterNode> node;
    private final Instance<RoomDirectory> directory;
    private final Instance<DirectorySync> sync;
    private final Instance<ClusterConfig> config;
    private final RoomRegistry rooms;
    private final Vertx vertx;
    private final long startedMs = System.currentTimeMillis();
    private final long[] timers = new long[3];
    private volatile boolean registered;
    private volatile long lastRenewalMs;
    private volatile boolean stopped;

    NodeRegistry(ClusterMode mode, Instance<ClusterNode> node, Instance<RoomDirectory> directory,
            Instance<DirectorySync> sync, Instance<ClusterConfig> config, RoomRegistry rooms, Vertx vertx,
            @ConfigProperty(name = "quarkus.init-and-exit", defaultValue = "false") boolean initAndExit) {
        // A run that only initialises and exits (the Kubernetes migration Job) is no node players could be sent to.
        this.mode = initAndExit ? new ClusterMode(Optional.empty(), Optional.empty()) : mode;
        this.node = node;
        this.directory = directory;
        this.sync = sync;
        this.config = config;
        this.rooms = rooms;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!mode.enabled()) {
            return;
        }
        ClusterNode self = node.get();
        long ttl = config.get().nodeTtl().toMillis();
        // The first registration is waited for (on the main thread, before the HTTP server takes requests): a node
        // that cannot reach Redis or has no public URL fails at start rather than taking players it cannot place.
        renew().await().atMost(Duration.ofMillis(Math.max(ttl, 5000)));
        LOG.infof("Cluster mode: node %s registered at %s (TTL %d ms)", self.id(), self.publicUrl(), ttl);
        timers[0] = vertx.setPeriodic(Math.max(ttl / 3, 100), id -> renew().subscribe().with(ok -> {
        }, failure -> LOG.warnf("Node registration not renewed: %s", failure.getMessage())));
        timers[1] = vertx.setPeriodic(Math.max(config.get().syncInterval().toMillis(), 10), id -> sync.get().sweep());
        timers[2] = vertx.setPeriodic(Math.max(ttl, 100), id -> directory.get().reap().subscribe().with(n -> {
            if (n > 0) {
                LOG.infof("Forgot %d dead node(s) and their rooms", n);
            }
        }, failure -> LOG.debugf("Reap failed: %s", failure.getMessage())));
    }

    /** True when this node's registration was renewed within the last TTL (readiness in cluster mode). */
    public boolean isRegistered() {
        return registered && System.currentTimeMillis() - lastRenewalMs < config.get().nodeTtl().toMillis();
    }

    private Uni<Void> renew() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        ClusterNode self = node.get();
        return directory.get().heartbeat(self.id(), self.publicUrl(), self.internalUrl(), rooms.size(),
                rooms.players(), startedMs, config.get().nodeTtl().toMillis()).invoke(existed -> {
                    if (!existed && registered) {
                        // Our key had expired (a long pause, or Redis restarted): others took us for dead and may have
                        // reaped our rooms. Write them all again.
                        LOG.warnf("Node %s was taken for dead; registering its rooms again", self.id());
                        sync.get().rewriteAll();
                    }
                    registered = true;
                    lastRenewalMs = System.currentTimeMillis();
                }).replaceWithVoid();
    }

    /** Shutdown begins: leave the cluster at once, so no more players are sent here. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        leave();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        leave();
    }

    private void leave() {
        if (!mode.enabled() || stopped) {
            return;
        }
        stopped = true;
        for (long timer : timers) {
            vertx.cancelTimer(timer);
        }
        try {
            directory.get().unregister(node.get().id()).await().atMost(Duration.ofSeconds(2));
            LOG.infof("Node %s left the cluster", node.get().id());
        } catch (RuntimeException e) {
            LOG.warnf("Could not unregister node %s (its key expires by itself): %s", node.get().id(), e.getMessage());
        }
    }
}
