package dev.quarkade.transport;

import java.nio.ByteBuffer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomCommand;
import io.vertx.core.buffer.Buffer;

/**
 * The path every binary message of a player takes, on the connection's event loop: rate limit → decode → validate →
 * the room's inbox, or an answer from here for the messages the transport handles itself (PING, TOKEN_REFRESH). The
 * size limit is the WebSocket server's ({@link WebSocketServerOptions}). This class is the one dispatch on the client
 * message type ({@link ClientMessage.Handler}); the room applies what reaches it at its next tick.
 */
@ApplicationScoped
class InboundPipeline implements ClientMessage.Handler<PlayerConnection> {

    private final SocketMetrics metrics;
    private final InBandTokenRefresh tokens;

    InboundPipeline(SocketMetrics metrics, InBandTokenRefresh tokens) {
        this.metrics = metrics;
        this.tokens = tokens;
    }

    void receive(PlayerConnection player, Buffer frame) {
        metrics.messageIn();
        if (!withinRate(player)) {
            return;
        }
        try {
            ClientCodec.decode(frame.getBytes()).dispatch(this, player);
        } catch (ProtocolException e) {
            ServerClose.close(player.connection(), e.closeCode(), e.getMessage());
        }
    }

    /**
     * A Ping or Pong from the client: it costs the same allowance as a message (a flood of control frames is a flood);
     * false once the connection is over its rate, and closed.
     */
    boolean controlFrame(PlayerConnection player) {
        return withinRate(player);
    }

    private static boolean withinRate(PlayerConnection player) {
        if (player.limiter().tryAcquire(System.nanoTime())) {
            return true;
        }
        ServerClose.close(player.connection(), CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        return false;
    }

    @Override
    public void input(PlayerConnection player, ClientMessage.Input input) {
        Room room = player.room();
        if (!room.game().isValidInput(input.payload())) {
            ServerClose.close(player.connection(), CloseCodes.INVALID_PAYLOAD,
                    "input payload is not valid for " + room.game().id());
            return;
        }
        queue(player, new RoomCommand.Input(player.channel(), input.seq(), input.ackTick(), input.payload()));
    }

    @Override
    public void ack(PlayerConnection player, ClientMessage.Ack ack) {
        queue(player, new RoomCommand.Ack(player.channel(), ack.tick()));
    }

    @Override
    public void resync(PlayerConnection player, ClientMessage.ResyncRequest message) {
        queue(player, new RoomCommand.Resync(player.channel()));
    }

    @Override
    public void chat(PlayerConnection player, ClientMessage.Chat chat) {
        queue(player, new RoomCommand.Chat(player.channel(), chat.text()));
    }

    @Override
    public void leave(PlayerConnection player, ClientMessage.Leave message) {
        player.room().submit(new RoomCommand.Leave(player.channel()));
    }

    @Override
    public void ping(PlayerConnection player, ClientMessage.Ping ping) {
        // Answered here, not at the tick, so the client's RTT does not include up to one tick of waiting.
        player.channel().sendNow(encode(new ServerMessage.Pong(ping.nonce(), System.currentTimeMillis())));
    }

    @Override
    public void tokenRefresh(PlayerConnection player, ClientMessage.TokenRefresh refresh) {
        if (!player.limiter().tryRefresh(System.nanoTime())) {
            ServerClose.close(player.connection(), CloseCodes.POLICY_VIOLATION, "token refresh too often");
            return;
        }
        tokens.refresh(player, refresh.token());
    }

    /** Hands a player message to the room; a full inbox means the room is behind, and this sender goes. */
    private static void queue(PlayerConnection player, RoomCommand command) {
        if (!player.room().submit(command)) {
            ServerClose.close(player.connection(), CloseCodes.POLICY_VIOLATION, "room inbox full");
        }
    }

    static ByteBuffer encode(ServerMessage message) {
        return ServerCodec.encode(message, new FrameWriter(32)).asByteBuffer();
    }
}
