package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;

/**
 * {@link InboundFrames} on a real Vert.x WebSocket: messages taken the old way (a task per message, as websockets-next
 * does) before the swap and those taken directly after it reach the pipeline once each and in the order sent, and a
 * failure of the pipeline goes to the failure handler.
 */
class InboundFramesTest {

    private static final int MESSAGES = 300;

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void websocketsNextStillGivesAccessToTheVertxSocket() {
        assertThat(InboundFrames.available()).as("WebSocketConnectionBase.webSocket() is reachable").isTrue();
    }

    @Test
    void messagesQueuedTheOldWayBeforeTheSwapGoFirst() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Consumer<Buffer> pipeline = message -> received.add(message.getInt(0));
        serve(socket -> {
            Context loop = Vertx.currentContext();
            // Two messages websockets-next has already queued as tasks of their own...
            loop.runOnContext(queued -> pipeline.accept(message(0)));
            loop.runOnContext(queued -> pipeline.accept(message(1)));
            InboundFrames frames = InboundFrames.install(socket, loop, pipeline, failures::add);
            // ...then two read before those tasks have run, and one after.
            frames.handle(message(2));
            frames.handle(message(3));
            loop.runOnContext(later -> frames.handle(message(4)));
        });
        connect();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 5);
        assertThat(received).containsExactly(0, 1, 2, 3, 4);
        assertThat(failures).isEmpty();
    }

    @Test
    void messagesFromARealClientArriveOnceEachInOrderAcrossTheSwap() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Consumer<Buffer> pipeline = message -> received.add(message.getInt(0));
        serve(socket -> {
            Context loop = Vertx.currentContext();
            // Like websockets-next: a task per message until the open callback, later than the first messages.
            socket.binaryMessageHandler(message -> loop.runOnContext(queued -> pipeline.accept(message)));
            vertx.setTimer(50, open -> InboundFrames.install(socket, loop, pipeline, failures::add));
        });
        WebSocket client = connect();
        for (int i = 0; i < MESSAGES; i++) {
            client.writeBinaryMessage(message(i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= MESSAGES);
        assertThat(received).hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(received.get(i)).as("message %d", i).isEqualTo(i);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailingPipelineReportsToTheFailureHandlerAndTheNextMessageStillArrives() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Consumer<Buffer> pipeline = message -> {
            int n = message.getInt(0);
            if (n == 1) {
                throw new IllegalStateException("boom");
            }
            received.add(n);
        };
        serve(socket -> InboundFrames.install(socket, Vertx.currentContext(), pipeline, failures::add));
        WebSocket client = connect();
        for (int i = 0; i < 3; i++) {
            client.writeBinaryMessage(message(i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> received.contains(2));
        assertThat(received).containsExactly(0, 2);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
    }

    private static Buffer message(int n) {
        return Buffer.buffer(4).appendInt(n);
    }

    private void serve(Handler<ServerWebSocket> onSocket) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(onSocket);
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WebSocket connect() throws Exception {
        return vertx.createHttpClient().webSocket(server.actualPort(), "localhost", "/")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
