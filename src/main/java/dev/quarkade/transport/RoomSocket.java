package dev.quarkade.transport;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.Limits;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomCommand;
import dev.quarkade.room.RoomConfig;
import dev.quarkade.room.RoomService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The room WebSocket: one connection per player per room, binary frames only. Every frame goes through one pipeline:
 * size → rate limit → decode → validate → the room's inbox. Nothing here touches room state: the room applies
 * commands at its next tick. Authentication and the room/seat checks happen before the upgrade
 * ({@link RoomUpgradeCheck}), so an open connection always has a player and a held seat.
 */
@WebSocket(path = "/ws/rooms/{roomId}")
public class RoomSocket {

    private static final Logger LOG = Logger.getLogger(RoomSocket.class);
    private static final TypedKey<PlayerConnection> PLAYER = new TypedKey<>("quarkade.player");

    private final RoomService rooms;
    private final RoomConfig roomConfig;
    private final TransportConfig limits;
    private final SocketMetrics metrics;
    /** The identity of the connection being served: a proxy WebSockets Next resolves per connection. */
    private final SecurityIdentity identity;

    public RoomSocket(RoomService rooms, RoomConfig roomConfig, TransportConfig limits, MeterRegistry registry,
            SecurityIdentity identity) {
        this.identity = identity;
        this.rooms = rooms;
        this.roomConfig = roomConfig;
        this.limits = limits;
        this.metrics = new SocketMetrics(registry);
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        UUID playerId = RoomUpgradeCheck.playerId(identity);
        Room room = rooms.find(connection.pathParam("roomId")).orElse(null);
        if (playerId == null || room == null) {
            // The upgrade checks make this unreachable unless the room closed in between.
            close(connection, CloseCodes.ROOM_CLOSED, "room closed");
            return;
        }
        ConnectionChannel channel = new ConnectionChannel(connection, roomConfig.maxFramesInFlight());
        PlayerConnection player = new PlayerConnection(playerId, displayName(identity), room, channel,
                new MessageRateLimiter(limits.messagesPerSecond(), limits.burst(), System.nanoTime()));
        connection.userData().put(PLAYER, player);
        room.submit(new RoomCommand.Join(channel, playerId, player.name()));
    }

    @OnBinaryMessage
    @NonBlocking
    void onBinary(WebSocketConnection connection, Buffer frame) {
        PlayerConnection player = connection.userData().get(PLAYER);
        if (player == null) {
            return;
        }
        metrics.messageIn();
        if (frame.length() > Limits.MAX_CLIENT_FRAME) {
            close(connection, CloseCodes.MESSAGE_TOO_BIG, "message over " + Limits.MAX_CLIENT_FRAME + " bytes");
            return;
        }
        if (!player.limiter().tryAcquire(System.nanoTime())) {
            close(connection, CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
            return;
        }
        try {
            dispatch(player, ClientCodec.decode(frame.getBytes()));
        } catch (ProtocolException e) {
            close(connection, e.closeCode(), e.getMessage());
        }
    }

    @OnTextMessage
    @NonBlocking
    void onText(WebSocketConnection connection, String text) {
        close(connection, CloseCodes.UNSUPPORTED_DATA, "binary frames only");
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        PlayerConnection player = connection.userData().get(PLAYER);
        CloseReason reason = connection.closeReason();
        metrics.closed(reason == null ? CloseCodes.NORMAL : reason.getCode());
        if (player != null) {
            player.room().submit(new RoomCommand.Disconnected(player.channel()));
        }
    }

    @OnError
    @NonBlocking
    void onError(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
        close(connection, CloseCodes.INTERNAL_ERROR, "internal error");
    }

    private void dispatch(PlayerConnection player, ClientMessage message) throws ProtocolException {
        Room room = player.room();
        ConnectionChannel channel = player.channel();
        if (message instanceof ClientMessage.Input input) {
            if (!room.game().isValidInput(input.payload())) {
                throw ProtocolException.malformed("input payload is not valid for " + room.game().id());
            }
            room.submit(new RoomCommand.Input(channel, input.seq(), input.ackTick(), input.payload()));
        } else if (message instanceof ClientMessage.Ack ack) {
            room.submit(new RoomCommand.Ack(channel, ack.tick()));
        } else if (message instanceof ClientMessage.ResyncRequest) {
            room.submit(new RoomCommand.Resync(channel));
        } else if (message instanceof ClientMessage.Chat chat) {
            room.submit(new RoomCommand.Chat(channel, chat.text()));
        } else if (message instanceof ClientMessage.Leave) {
            room.submit(new RoomCommand.Leave(channel));
        } else if (message instanceof ClientMessage.Ping ping) {
            // Answered here, not at the tick, so the client's RTT does not include up to one tick of waiting.
            FrameWriter pong = ServerCodec.encode(new ServerMessage.Pong(ping.nonce(), System.currentTimeMillis()),
                    new FrameWriter(16));
            channel.send(pong.asByteBuffer());
        } else if (message instanceof ClientMessage.TokenRefresh refresh) {
            refreshToken(player, refresh.token());
        }
    }

    private void refreshToken(PlayerConnection player, String token) {
        close(player.channel().connection(), CloseCodes.POLICY_VIOLATION, "token refresh not supported yet");
    }

    private void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failed -> {
            });
        }
    }

    private static String displayName(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null) {
            return jwt.getClaim("name").toString();
        }
        return identity.getPrincipal().getName();
    }
}
