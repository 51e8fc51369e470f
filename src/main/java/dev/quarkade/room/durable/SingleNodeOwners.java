package dev.quarkade.room.durable;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.node.NodeName;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * {@link RoomOwners} of a single node: only this process is alive, so every other owner is a predecessor that stopped
 * or crashed on the same database. Replaced by any other {@link RoomOwners} bean (a cluster's node registry).
 */
@DefaultBean
@ApplicationScoped
public class SingleNodeOwners implements RoomOwners {

    @Override
    public Uni<Boolean> isAlive(String owner) {
        return Uni.createFrom().item(NodeName.incarnation().equals(owner));
    }
}
