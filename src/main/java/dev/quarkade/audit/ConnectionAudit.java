package dev.quarkade.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.quarkade.node.NodeName;
import dev.quarkade.persistence.WriteBehindQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Records room connections for the audit: {@link #opened} and {@link #closed} are called by the room socket and only
 * queue a write. At start it queues the closing, as "server lost", of connections a crashed process left open.
 */
@ApplicationScoped
public class ConnectionAudit {

    static final short GOING_AWAY = 1001;
    static final String SHUTTING_DOWN = "server shutting down";

    private static final TypedKey<ConnectionWrites.Opened> OPENED = new TypedKey<>("quarkade.audit.opened");

    private final WriteBehindQueue queue;
    private final String node = NodeName.get();
    private final Map<UUID, ConnectionWrites.Opened> open = new ConcurrentHashMap<>();

    public ConnectionAudit(WriteBehindQueue queue) {
        this.queue = queue;
    }

    void onStart(@Observes StartupEvent event) {
        queue.submit(new ConnectionWrites.LostOnRestart(node, Instant.now()));
    }

    /** A player's connection to a room is open. */
    public void opened(WebSocketConnection connection, UUID playerId) {
        String remote = connection.handshakeRequest().remoteAddress();
        ConnectionWrites.Opened opened = new ConnectionWrites.Opened(UUID.randomUUID(), playerId,
                connection.pathParam("roomId"), node, ConnectionWrites.truncate(remote, ConnectionWrites.MAX_ADDRESS),
                Instant.now());
        connection.userData().put(OPENED, opened);
        open.put(opened.id(), opened);
        queue.submit(opened);
    }

    /** A connection ended; does nothing for one that {@link #opened} never saw. */
    /**
     * Records the end of a connection with {@code reason}: the Close this server sent, else the client's, else null
     * when no Close came either way.
     */
    public void closed(WebSocketConnection connection, CloseReason reason) {
        ConnectionWrites.Opened opened = connection.userData().get(OPENED);
        if (opened == null || open.remove(opened.id()) == null) {
            return;
        }
        // No close frame at all (the network dropped): RFC 6455 calls that 1006.
        short code = reason == null ? ConnectionWrites.ABNORMAL_CLOSURE : (short) reason.getCode();
        String text = reason == null || reason.getMessage() == null || reason.getMessage().isEmpty() ? null
                : ConnectionWrites.truncate(reason.getMessage(), ConnectionWrites.MAX_REASON);
        queue.submit(new ConnectionWrites.Closed(opened, Instant.now(), code, text));
    }

    /**
     * After the rooms have closed their connections on shutdown and before the queue is flushed: a connection whose
     * close has not come back yet is recorded as closed with 1001 now, rather than left for the next start to call
     * lost.
     */
    void onShutdown(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER - 100) ShutdownEvent event) {
        Instant now = Instant.now();
        for (ConnectionWrites.Opened opened : open.values()) {
            if (open.remove(opened.id()) != null) {
                queue.submit(new ConnectionWrites.Closed(opened, now, GOING_AWAY, SHUTTING_DOWN));
            }
        }
    }
}
