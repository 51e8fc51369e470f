package dev.quarkade.transport;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.audit.ConnectionAudit;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomCommand;
import dev.quarkade.room.runtime.RoomRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A room connection's life in the transport: on open it is registered (expiry, audit, heartbeat), gets its channel,
 * rate limiter and message pipeline, and its player is handed to the room; on close all of that is undone and the
 * room told the player is gone. Authentication and admission happened before the upgrade ({@link HandshakeCheck}),
 * so an open connection always has verified claims and a held seat.
 */
@ApplicationScoped
class ConnectionLifecycle {

    private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class);
    static final TypedKey<PlayerConnection> PLAYER = new TypedKey<>("quarkade.player");

    /** RFC 6455's code for a connection that ended with no Close frame either way; never sent. */
    private static final int NO_CLOSE_EITHER_WAY = 1006;

    private final RoomRegistry rooms;
    private final WebSocketConfig websocket;
    private final RateLimitConfig limits;
    private final OpenConnections openConnections;
    private final SocketMetrics metrics;
    private final Heartbeat heartbeat;
    private final ConnectionAudit audit;
    private final InboundPipeline pipeline;

    ConnectionLifecycle(RoomRegistry rooms, WebSocketConfig websocket, RateLimitConfig limits,
            OpenConnections openConnections, SocketMetrics metrics, Heartbeat heartbeat, ConnectionAudit audit,
            InboundPipeline pipeline) {
        this.rooms = rooms;
        this.websocket = websocket;
        this.limits = limits;
        this.openConnections = openConnections;
        this.metrics = metrics;
        this.heartbeat = heartbeat;
        this.audit = audit;
        this.pipeline = pipeline;
    }

    /** The player of an open connection, or null before {@link #opened} ran. */
    static PlayerConnection playerOf(WebSocketConnection connection) {
        return connection.userData().get(PLAYER);
    }

    void opened(WebSocketConnection connection) {
        TokenClaims claims = connection.userData().get(HandshakeCheck.CLAIMS);
        Room room = rooms.find(connection.pathParam("roomId")).orElse(null);
        if (claims == null) {
            // Cannot happen while HandshakeCheck guards this path; refuse rather than seat an anonymous player.
            ServerClose.close(connection, CloseCodes.POLICY_VIOLATION, "not authenticated");
            return;
        }
        if (room == null) {
            ServerClose.close(connection, CloseCodes.ROOM_CLOSED, "room closed"); // closed between the upgrade and now
            return;
        }
        HttpConnection http = connection.userData().get(HandshakeCheck.HTTP_CONNECTION);
        if (!(http instanceof ConnectionBase socket)) {
            // Cannot happen on Vert.x 4, whose HTTP connection is the socket's Netty handler; refuse to guess.
            ServerClose.close(connection, CloseCodes.INTERNAL_ERROR, "no socket");
            return;
        }
        openConnections.register(connection, claims);
        audit.opened(connection, claims.playerId());
        ConnectionChannel channel = new ConnectionChannel(connection, socket.channelHandlerContext(),
                websocket.maxFramesInFlight(), metrics.messagesOut());
        PlayerConnection player = new PlayerConnection(claims.playerId(), room, channel,
                new MessageRateLimiter(limits.messagesPerSecond(), limits.burst(),
                        limits.tokenRefreshInterval().toNanos(), System.nanoTime()),
                new ConnectionLiveness(System.nanoTime()));
        connection.userData().put(PLAYER, player);
        FrameFailures.watch(http, connection);
        InboundFrames.install(connection, frame -> pipeline.receive(player, frame), failure -> failed(connection,
                failure));
        heartbeat.watch(connection, player);
        room.submit(new RoomCommand.Join(channel, claims.playerId(), claims.name()));
    }

    void closed(WebSocketConnection connection) {
        heartbeat.forget(connection);
        CloseReason reason = closeReason(connection);
        audit.closed(connection, reason);
        openConnections.unregister(connection);
        metrics.closed(reason == null ? NO_CLOSE_EITHER_WAY : reason.getCode());
        PlayerConnection player = playerOf(connection);
        if (player != null) {
            player.room().submit(new RoomCommand.Disconnected(player.channel()));
        }
    }

    /**
     * Why the connection ended: what this server decided and sent (not the client's echo, which in a browser is the
     * code alone), else the client's Close (1005 when it had no code), else null: it died with no Close either way.
     */
    private static CloseReason closeReason(WebSocketConnection connection) {
        CloseReason ours = ServerClose.decided(connection);
        if (ours != null) {
            return ours;
        }
        int code = CloseCodeCheck.clientCloseCode(connection.userData().get(HandshakeCheck.HTTP_CONNECTION));
        if (code == 0) {
            return null;
        }
        CloseReason client = connection.closeReason();
        return code == CloseCodeCheck.NO_STATUS || client == null || client.getCode() != code ? CloseReason.EMPTY
                : client;
    }

    /** A failure of the connection or of its message pipeline: the client's framing error, or ours. */
    void failed(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
        int code = FrameFailures.closeCode(failure);
        if (code > 0) {
            ServerClose.close(connection, code, FrameFailures.reason(failure));
        } else {
            ServerClose.close(connection, CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }
}
