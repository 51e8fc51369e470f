package dev.quarkade.api;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Work that runs to its end even when the request that asked for it is cancelled.
 *
 * <p>
 * Quarkus REST cancels a request's {@link Uni} when its client goes away. A cancellation that reaches a Hibernate
 * Reactive session mid-transaction closes it while a statement is still running, which logs "non-threadsafe access
 * to session" and "Live transaction detected while closing", and may leave the write half done. Wrapped here, the
 * work is subscribed on its own: the request may be cancelled, the work completes (its transaction commits or rolls
 * back as usual) and its result is dropped. Only for work that ends by itself, as every database call here does.
 */
public final class Uncancellable {

    private Uncancellable() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }
}
