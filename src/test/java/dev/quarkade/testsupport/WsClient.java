package dev.quarkade.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** Test helper: a real WebSocket client (Vert.x) that reports the upgrade status and the close frame. */
public final class WsClient implements AutoCloseable {

    /** What the server sent when it closed the connection. */
    public record Closed(Short code, String reason) {
    }

    private final WebSocketClient client;
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private WebSocket socket;
    private int status;

    private WsClient(Vertx vertx) {
        this.client = vertx.createWebSocketClient();
    }

    /** Tries an upgrade; see {@link #status()} for the outcome (101 when open). */
    public static WsClient connect(Vertx vertx, String uri, Map<String, String> headers, List<String> subprotocols) {
        WsClient ws = new WsClient(vertx);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("localhost").setPort(RestAssured.port).setURI(uri).setSubProtocols(subprotocols)
                // Like a native client: no Origin unless a test sets one, as a browser would.
                .setAllowOriginHeader(headers.containsKey("Origin"));
        headers.forEach(options::addHeader);
        try {
            // The close handler goes on before the connection exists, so a Close the server sends at once is seen.
            ClientWebSocket socket = ws.client.webSocket();
            socket.closeHandler(v -> ws.closed.complete(new Closed(socket.closeStatusCode(), socket.closeReason())));
            ws.socket = socket.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ws.status = 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                ws.status = rejected.getStatus();
            } else {
                throw new AssertionError("Upgrade failed without an HTTP status", e.getCause());
            }
        } catch (Exception e) {
            throw new AssertionError("Upgrade did not finish", e);
        }
        return ws;
    }

    public static WsClient withBearer(Vertx vertx, String uri, String token) {
        return connect(vertx, uri, Map.of("Authorization", "Bearer " + token), List.of());
    }

    public int status() {
        return status;
    }

    public WebSocket socket() {
        return socket;
    }

    /** Waits for the server to close the connection. */
    public Closed awaitClose(Duration atMost) {
        try {
            return closed.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The server did not close the connection within " + atMost, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
