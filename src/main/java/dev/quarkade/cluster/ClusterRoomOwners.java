package dev.quarkade.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.quarkade.node.NodeName;
import dev.quarkade.room.durable.RoomOwners;
import io.smallrye.mutiny.Uni;

/**
 * Who is alive, for durable rooms in cluster mode: a room's owner is alive exactly while its node key is in Redis
 * (renewed within {@code quarkade.cluster.node-ttl}), so a room is restored elsewhere only once its node is dead.
 * Chosen by {@link ClusterMode}.
 */
@ApplicationScoped
@Typed(ClusterRoomOwners.class)
public class ClusterRoomOwners implements RoomOwners {

    private final RoomDirectory directory;

    ClusterRoomOwners(RoomDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<Boolean> isAlive(String owner) {
        return NodeName.incarnation().equals(owner) ? Uni.createFrom().item(true) : directory.isAlive(owner);
    }
}
