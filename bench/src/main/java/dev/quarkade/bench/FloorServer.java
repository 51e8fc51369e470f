package dev.quarkade.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ServerCodec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * The floor: a bare Vert.x WebSocket server that does nothing but send each group of players one fixed-size frame
 * per tick (a STATE header with the tick and the server time, then an opaque body of the size of a typical Quarkade
 * state frame). No auth, no game, no decoding of what players send: what the JVM and the network stack cost alone.
 * Usage: {@code FloorServer <port> <frameBytes> <tickRate> [nativeTransport]} (NIO unless the last is true).
 */
public final class FloorServer {

    private FloorServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int frameBytes = Integer.parseInt(args[1]);
        int tickRate = Integer.parseInt(args[2]);
        byte[] body = new byte[Math.max(1, frameBytes - ServerCodec.STATE_HEADER_BYTES)];
        boolean nativeTransport = args.length > 3 && Boolean.parseBoolean(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(nativeTransport));
        Map<String, List<ServerWebSocket>> groups = new HashMap<>();
        FrameWriter frame = new FrameWriter(frameBytes + 16);
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setMaxWebSocketFrameSize(16384))
                .webSocketHandler(ws -> {
                    if (!ws.path().startsWith("/ws/floor/")) {
                        ws.reject(404);
                        return;
                    }
                    List<ServerWebSocket> group = groups.computeIfAbsent(ws.path(), p -> {
                        List<ServerWebSocket> members = new ArrayList<>();
                        long[] tick = { 0 };
                        vertx.setPeriodic(1000 / tickRate, id -> {
                            frame.reset();
                            ServerCodec.encodeState(frame, ++tick[0], System.currentTimeMillis(), 0, 0, 0, 0, body, 0,
                                    body.length);
                            // One buffer for the whole group: Vert.x writes a read-only view of it per socket.
                            Buffer shared = Buffer.buffer(frame.toByteArray());
                            for (ServerWebSocket member : members) {
                                if (!member.writeQueueFull()) {
                                    member.writeBinaryMessage(shared);
                                }
                            }
                        });
                        return members;
                    });
                    group.add(ws);
                    ws.binaryMessageHandler(b -> {
                    });
                    ws.closeHandler(v -> group.remove(ws));
                }).listen().onSuccess(s -> System.out.println("floor server listening on " + port + " ("
                        + (vertx.isNativeTransportEnabled() ? "epoll" : "nio") + ")"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
