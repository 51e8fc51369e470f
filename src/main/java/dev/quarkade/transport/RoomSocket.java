package dev.quarkade.transport;

import org.jboss.logging.Logger;

import dev.quarkade.audit.ConnectionAudit;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.auth.TokenVerifier;
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
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The room WebSocket: one connection per player per room, binary frames only. Every frame goes through one pipeline:
 * size → rate limit → decode → validate → the room's inbox ({@link #receive}, reached straight from Vert.x through
 * {@link InboundFrames} once the connection is open). Nothing here touches room state: the room applies
 * commands at its next tick. Authentication and admission happen before the upgrade ({@link HandshakeCheck}), so an
 * open connection always has verified claims and a held seat.
 */
@WebSocket(path = "/ws/rooms/{roomId}")
public class RoomSocket {

    private static final Logger LOG = Logger.getLogger(RoomSocket.class);
    static final TypedKey<PlayerConnection> PLAYER = new TypedKey<>("quarkade.player");
    /** The code this endpoint closed with: after a frame-decoder error Vert.x drops the socket before it records one. */
    private static final TypedKey<Integer> CLOSED_WITH = new TypedKey<>("quarkade.closed-with");

    private final RoomService rooms;
    private final RoomConfig roomConfig;
    private final TransportConfig limits;
    private final OpenConnections openConnections;
    private final TokenVerifier verifier;
    private final SocketMetrics metrics;
    private final Heartbeat heartbeat;
    private final ConnectionAudit audit;

    public RoomSocket(RoomService rooms, RoomConfig roomConfig, TransportConfig limits,
            OpenConnections openConnections, TokenVerifier verifier, MeterRegistry registry, Heartbeat heartbeat,
            ConnectionAudit audit) {
        this.heartbeat = heartbeat;
        this.audit = audit;
        this.rooms = rooms;
        this.roomConfig = roomConfig;
        this.limits = limits;
        this.openConnections = openConnections;
        this.verifier = verifier;
        this.metrics = new SocketMetrics(registry);
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        TokenClaims claims = connection.userData().get(HandshakeCheck.CLAIMS);
        Room room = rooms.find(connection.pathParam("roomId")).orElse(null);
        if (claims == null) {
            // Cannot happen while HandshakeCheck guards this path; refuse rather than seat an anonymous player.
            close(connection, CloseCodes.POLICY_VIOLATION, "not authenticated");
            return;
        }
        if (room == null) {
            close(connection, CloseCodes.ROOM_CLOSED, "room closed"); // closed between the upgrade and now
            return;
        }
        if (!(connection.userData().get(HandshakeCheck.HTTP_CONNECTION) instanceof ConnectionBase socket)) {
            // Cannot happen on Vert.x 4, whose HTTP connection is the socket's Netty handler; refuse to guess.
            close(connection, CloseCodes.INTERNAL_ERROR, "no socket");
            return;
        }
        openConnections.register(connection, claims);
        audit.opened(connection, claims.playerId());
        ConnectionChannel channel = new ConnectionChannel(connection, socket.channelHandlerContext(),
                roomConfig.maxFramesInFlight(), metrics.messagesOut());
        PlayerConnection player = new PlayerConnection(claims.playerId(), claims.name(), room, channel,
                new MessageRateLimiter(limits.messagesPerSecond(), limits.burst(), System.nanoTime()),
                new ConnectionLiveness(System.nanoTime()));
        connection.userData().put(PLAYER, player);
        watchFrameFailures(connection);
        InboundFrames.install(connection, frame -> receive(connection, player, frame),
                failure -> onError(connection, failure));
        heartbeat.watch(connection, player);
        room.submit(new RoomCommand.Join(channel, claims.playerId(), claims.name()));
    }

    /**
     * Only the messages that arrive before {@link #open} has run come this way; from then on {@link InboundFrames}
     * hands them to {@link #receive} without websockets-next's per-message dispatch.
     */
    @OnBinaryMessage
    @NonBlocking
    void onBinary(WebSocketConnection connection, Buffer frame) {
        PlayerConnection player = connection.userData().get(PLAYER);
        if (player != null) {
            receive(connection, player, frame);
        }
    }

    /** The pipeline every binary message goes through, on the connection's event loop. */
    private void receive(WebSocketConnection connection, PlayerConnection player, Buffer frame) {
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
            dispatch(connection, player, ClientCodec.decode(frame.getBytes()));
        } catch (ProtocolException e) {
            close(connection, e.closeCode(), e.getMessage());
        }
    }

    /**
     * Text is refused either way; RFC 6455 (8.1) asks for 1007 rather than 1003 when it is not even UTF-8. Vert.x
     * decodes text leniently, putting U+FFFD where the bytes were invalid, so that character is the sign (a client
     * that really sends U+FFFD in a text frame gets 1007 too: it broke the binary-only rule anyway).
     */
    @OnTextMessage
    @NonBlocking
    void onText(WebSocketConnection connection, String text) {
        if (text.indexOf('\uFFFD') >= 0) {
            close(connection, CloseCodes.INVALID_PAYLOAD, "text frame is not UTF-8");
        } else {
            close(connection, CloseCodes.UNSUPPORTED_DATA, "binary frames only");
        }
    }

    @OnPongMessage
    @NonBlocking
    void onPong(WebSocketConnection connection, Buffer payload) {
        PlayerConnection player = connection.userData().get(PLAYER);
        if (player != null) {
            heartbeat.ponged(player, payload);
        }
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        heartbeat.forget(connection);
        audit.closed(connection);
        openConnections.unregister(connection);
        CloseReason reason = connection.closeReason();
        Integer ours = connection.userData().get(CLOSED_WITH);
        metrics.closed(ours != null ? ours : reason == null ? CloseCodes.NORMAL : reason.getCode());
        PlayerConnection player = connection.userData().get(PLAYER);
        if (player != null) {
            player.room().submit(new RoomCommand.Disconnected(player.channel()));
        }
    }

    @OnError
    @NonBlocking
    void onError(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
        int code = FrameFailures.closeCode(failure);
        if (code > 0) {
            close(connection, code, FrameFailures.reason(failure));
        } else {
            close(connection, CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }

    /**
     * Netty's frame decoder reports a broken frame (reserved bits or opcode, unmasked or fragmented control frame, bad
     * close frame, frame over the size limit) to the HTTP connection, not to the endpoint, and Vert.x 4 neither sends a
     * Close nor drops the socket: the connection would sit open, reading nothing, until the heartbeat gave up on it.
     * RFC 6455 (7.1.7) asks to fail it with the code the decoder names (1002, 1007 or 1009); closing takes at most
     * {@code quarkade.websocket.closing-timeout}, as the client's Close can no longer be read.
     */
    private void watchFrameFailures(WebSocketConnection connection) {
        HttpConnection http = connection.userData().get(HandshakeCheck.HTTP_CONNECTION);
        if (http == null) {
            return;
        }
        CloseCodeCheck.install(http);
        http.exceptionHandler(failure -> {
            int code = FrameFailures.closeCode(failure);
            if (code < 0) {
                LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
                return; // an I/O failure: the socket is gone and @OnClose follows
            }
            close(connection, code, FrameFailures.reason(failure));
        });
    }

    private void dispatch(WebSocketConnection connection, PlayerConnection player, ClientMessage message)
            throws ProtocolException {
        Room room = player.room();
        ConnectionChannel channel = player.channel();
        if (message instanceof ClientMessage.Input input) {
            if (!room.game().isValidInput(input.payload())) {
                throw ProtocolException.malformed("input payload is not valid for " + room.game().id());
            }
            queue(connection, room, new RoomCommand.Input(channel, input.seq(), input.ackTick(), input.payload()));
        } else if (message instanceof ClientMessage.Ack ack) {
            queue(connection, room, new RoomCommand.Ack(channel, ack.tick()));
        } else if (message instanceof ClientMessage.ResyncRequest) {
            queue(connection, room, new RoomCommand.Resync(channel));
        } else if (message instanceof ClientMessage.Chat chat) {
            queue(connection, room, new RoomCommand.Chat(channel, chat.text()));
        } else if (message instanceof ClientMessage.Leave) {
            room.submit(new RoomCommand.Leave(channel));
        } else if (message instanceof ClientMessage.Ping ping) {
            // Answered here, not at the tick, so the client's RTT does not include up to one tick of waiting.
            send(channel, new ServerMessage.Pong(ping.nonce(), System.currentTimeMillis()));
        } else if (message instanceof ClientMessage.TokenRefresh refresh) {
            refreshToken(connection, player, refresh.token());
        }
    }

    /** Hands a player message to the room; a full inbox means the room is behind, and this sender goes. */
    private static void queue(WebSocketConnection connection, Room room, RoomCommand command) {
        if (!room.submit(command)) {
            close(connection, CloseCodes.POLICY_VIOLATION, "room inbox full");
        }
    }

    /** In-band renewal: a fresh token of the same player extends the connection past the old token's expiry. */
    private void refreshToken(WebSocketConnection connection, PlayerConnection player, String token) {
        // The session look-up uses Hibernate Reactive, which wants its own safe duplicated context; messages come
        // from InboundFrames on the event loop's own context.
        Context isolated = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(isolated, true);
        isolated.runOnContext(ignored -> verifier.verifyForConnection(token, player.playerId()).subscribe().with(
                claims -> {
                    if (openConnections.extend(connection.id(), claims)) {
                        send(player.channel(), new ServerMessage.TokenAccepted(claims.expiresAt().toEpochMilli()));
                    }
                },
                failure -> close(connection, CloseCodes.POLICY_VIOLATION, "token refused")));
    }

    private static void send(ConnectionChannel channel, ServerMessage message) {
        channel.sendNow(ServerCodec.encode(message, new FrameWriter(32)).asByteBuffer());
    }

    private static void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isOpen()) {
            connection.userData().put(CLOSED_WITH, code);
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failed -> {
            });
        }
    }
}
