package dev.quarkade.lobby;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.node.NodeUrls;
import dev.quarkade.room.Room;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The lobby of a single node: every answer comes from this node's rooms, and says to connect here, at
 * {@code quarkade.cluster.public-url} when set, else at the scheme and host the request came to. Replaced by a
 * cluster's lobby when one is configured.
 */
@DefaultBean
@ApplicationScoped
public class LocalLobby implements Lobby {

    private final LocalRooms rooms;
    private final NodeUrls urls;

    LocalLobby(LocalRooms rooms, NodeUrls urls) {
        this.rooms = rooms;
        this.urls = urls;
    }

    @Override
    public Uni<List<ListedRoom>> list(String requestBase) {
        String base = base(requestBase);
        return Uni.createFrom().item(() -> rooms.summaries().stream().map(s -> LocalRooms.listed(s, base)).toList());
    }

    @Override
    public Uni<ListedRoom> find(String roomId, String requestBase) {
        return rooms.findOrRestore(roomId).map(room -> LocalRooms.listed(
                room.orElseThrow(() -> LobbyErrors.unknownRoom(roomId)).summary(), base(requestBase)));
    }

    @Override
    public Uni<Room> create(String game, Integer capacity, UUID creator) {
        return Uni.createFrom().item(() -> rooms.create(game, capacity, creator));
    }

    @Override
    public Uni<Placement> joinOrCreate(String game, UUID player, String bearerToken, String requestBase) {
        return Uni.createFrom().item(() -> new Placement(rooms.holdAnywhere(game, player).id(), base(requestBase)));
    }

    @Override
    public Uni<Placement> join(String roomId, UUID player, String requestBase) {
        return Uni.createFrom().voidItem().invoke(rooms::refuseWhileDraining)
                .flatMap(v -> rooms.findOrRestore(roomId)).map(found -> {
                    Room room = found.orElseThrow(() -> LobbyErrors.unknownRoom(roomId));
                    if (!rooms.hold(room, player)) {
                        throw LobbyErrors.roomFull(roomId);
                    }
                    return new Placement(roomId, base(requestBase));
                });
    }

    @Override
    public Uni<Admission> admit(String roomId, UUID player) {
        if (rooms.isDraining()) {
            return Uni.createFrom().item(Admission.of(503));
        }
        return rooms.findOrRestore(roomId).map(found -> Admission.of(found
                .map(room -> rooms.hold(room, player) ? Admission.ADMITTED : 409).orElse(404)));
    }

    private String base(String requestBase) {
        return urls.publicUrl().orElse(requestBase);
    }
}
