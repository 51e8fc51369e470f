package dev.quarkade.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;

/**
 * Takes a connection's binary messages straight from Vert.x to {@link RoomSocket}'s pipeline on the connection's
 * event loop. Through websockets-next every message cost a new duplicated Vert.x context with its locals, a task, CDI
 * and security context activation, a promise and a Mutiny {@code Uni} subscribed with a captured SmallRye context;
 * here it costs one call. Only the binary-message handler of the Vert.x socket is replaced: Vert.x still reassembles
 * fragments and enforces the message size limit, answers Pings and handles Close, and websockets-next keeps text,
 * pong, close and error handling.
 *
 * <p>
 * Order is kept: messages websockets-next took before the swap are tasks already queued on the event loop, so
 * messages arriving after the swap are held until a task queued behind those has run, then go through in order.
 * The Vert.x socket is reached through websockets-next's package-private {@code webSocket()} accessor; should a
 * future version drop it, every message keeps going through {@code @OnBinaryMessage} (slower, same behaviour).
 */
final class InboundFrames implements Handler<Buffer> {

    private static final Logger LOG = Logger.getLogger(InboundFrames.class);
    private static final MethodHandle WEB_SOCKET = webSocketAccessor();

    private final Consumer<Buffer> pipeline;
    private final Consumer<Throwable> failed;
    /** Messages that arrived before websockets-next's queued ones were through; null once they are. Event loop only. */
    private ArrayDeque<Buffer> held = new ArrayDeque<>(2);

    private InboundFrames(Consumer<Buffer> pipeline, Consumer<Throwable> failed) {
        this.pipeline = pipeline;
        this.failed = failed;
    }

    /**
     * Routes the connection's binary messages to {@code pipeline} from now on; {@code failed} gets what the pipeline
     * throws, as {@code @OnError} would. Call on the connection's event loop (in {@code @OnOpen}).
     *
     * @return null if the Vert.x socket cannot be reached or is closed: messages keep going through websockets-next
     */
    static InboundFrames install(WebSocketConnection connection, Consumer<Buffer> pipeline,
            Consumer<Throwable> failed) {
        WebSocketBase socket = socketOf(connection);
        Context context = Vertx.currentContext();
        return socket == null || context == null ? null : install(socket, context, pipeline, failed);
    }

    /** As above, for a Vert.x socket whose event loop {@code context} runs on. */
    static InboundFrames install(WebSocketBase socket, Context context, Consumer<Buffer> pipeline,
            Consumer<Throwable> failed) {
        InboundFrames frames = new InboundFrames(pipeline, failed);
        try {
            socket.binaryMessageHandler(frames);
        } catch (IllegalStateException closed) {
            return null; // closed meanwhile: nothing more will arrive
        }
        context.runOnContext(ignored -> frames.release());
        return frames;
    }

    @Override
    public void handle(Buffer message) {
        if (held != null) {
            held.add(message);
        } else {
            deliver(message);
        }
    }

    private void release() {
        for (Buffer message = held.poll(); message != null; message = held.poll()) {
            deliver(message);
        }
        held = null;
    }

    private void deliver(Buffer message) {
        try {
            pipeline.accept(message);
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Whether websockets-next's connections still give access to their Vert.x socket. */
    static boolean available() {
        return WEB_SOCKET != null;
    }

    static WebSocketBase socketOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke((WebSocketConnectionBase) connection);
        } catch (Throwable e) {
            LOG.debugf("Cannot reach the Vert.x socket of %s: %s", connection.id(), e.toString());
            return null;
        }
    }

    private static MethodHandle webSocketAccessor() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Binary messages go through websockets-next's dispatch (slower): %s", e.toString());
            return null;
        }
    }
}
