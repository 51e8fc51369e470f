package dev.quarkade.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the room WebSocket: messages in and out, and closes by code (one counter per code, created once). */
final class SocketMetrics {

    private final MeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

    SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messagesIn = Counter.builder("quarkade.messages.in").description("Frames received from players")
                .register(registry);
        this.messagesOut = Counter.builder("quarkade.messages.out").description("Frames sent to players")
                .register(registry);
    }

    Counter messagesOut() {
        return messagesOut;
    }

    void messageIn() {
        messagesIn.increment();
    }

    void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("quarkade.connections.closed")
                .description("Room connections closed, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }
}
