package dev.quarkade.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the room WebSocket: messages in and out, and closes by code (one counter per code, created once). */
@ApplicationScoped
class SocketMetrics {

    private final MeterRegistry registry;
    /**
     * Read by the registry when scraped: counting a message is one add, where the registry's composite counter
     * allocated an iterator over its children for every message. The registry keeps only a weak reference to it.
     */
    private final LongAdder messagesIn = new LongAdder();
    private final Counter messagesOut;
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

    SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("quarkade.messages.in", messagesIn, LongAdder::doubleValue)
                .description("Frames received from players").register(registry);
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
