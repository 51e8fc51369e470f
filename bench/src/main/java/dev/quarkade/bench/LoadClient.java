package dev.quarkade.bench;

import io.vertx.core.json.JsonObject;

/**
 * One load generator as the orchestration sees it: it adds players, then measures a window. The Java generator
 * ({@link PlayerLoad}) and the Colyseus peer's node client ({@link NodeLoad}) answer with the same JSON keys.
 */
interface LoadClient extends AutoCloseable {

    /** Opens {@code count} more players and waits until they joined or failed; answers connected, failed, seconds. */
    JsonObject addPlayers(int count) throws Exception;

    /** Starts a measurement window: counters and histograms restart. */
    void startWindow() throws Exception;

    /** Ends the window: latencies, tick rates, bytes, frames, closes of the window. */
    JsonObject endWindow() throws Exception;

    /** The process whose CPU is the generator's. */
    long pid();

    /** The generator's network transport: epoll or nio for the Java generator, node for the Colyseus client. */
    String transport();

    @Override
    void close();
}
