package dev.quarkade.transport;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Answers a room upgrade before any room sees the player: 404 for a room that does not exist, 409 when it has no seat
 * for this player. An accepted upgrade holds the seat, so the connection that follows always finds it. Runs after
 * authentication, which answers 401 on its own.
 */
@ApplicationScoped
public class RoomUpgradeCheck implements HttpUpgradeCheck {

    private final RoomService rooms;

    public RoomUpgradeCheck(RoomService rooms) {
        this.rooms = rooms;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RoomSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Room room = rooms.find(context.pathParam("roomId")).orElse(null);
        if (room == null) {
            return CheckResult.rejectUpgrade(404);
        }
        return context.securityIdentity().map(identity -> {
            UUID player = playerId(identity);
            if (player == null) {
                return CheckResult.rejectUpgradeSync(401);
            }
            return room.hold(player, System.currentTimeMillis()) ? CheckResult.permitUpgradeSync()
                    : CheckResult.rejectUpgradeSync(409);
        });
    }

    static UUID playerId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
