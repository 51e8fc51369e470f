package dev.quarkade.room.durable;

import io.smallrye.mutiny.Uni;

/**
 * Tells whether the node incarnation that owns a room snapshot still runs, so {@link DurableRooms#restore} takes over
 * only the rooms of dead nodes. The default ({@link SingleNodeOwners}) knows one live node: this one. A cluster
 * directory provides its own bean to replace it.
 */
public interface RoomOwners {

    /** Whether {@code owner} (a {@link dev.quarkade.node.NodeName#incarnation() node incarnation}) is alive. */
    Uni<Boolean> isAlive(String owner);
}
