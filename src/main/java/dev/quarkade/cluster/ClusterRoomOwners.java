package dev.quarkade.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.quarkade.ops.NodeName;
import dev.quarkade.room.RoomOwners;
import io.smallrye.mutiny.Uni;

/**
 * Who is alive, for durable rooms: in cluster mode a room's owner is alive exactly while its node key is in Redis
 * (renewed within {@code quarkade.cluster.node-ttl}), so a room is restored elsewhere only once its node is dead. In
 * single-node mode only this process is alive, as in {@code SingleNodeOwners}, which this bean replaces.
 */
@ApplicationScoped
public class ClusterRoomOwners implements RoomOwners {

    private final ClusterMode mode;
    private final Instance<RoomDirectory> directory;

    ClusterRoomOwners(ClusterMode mode, Instance<RoomDirectory> directory) {
        this.mode = mode;
        this.directory = directory;
    }

    @Override
    public Uni<Boolean> isAlive(String owner) {
        if (NodeName.incarnation().equals(owner)) {
            return Uni.createFrom().item(true);
        }
        return mode.enabled() ? directory.get().isAlive(owner) : Uni.createFrom().item(false);
    }
}
