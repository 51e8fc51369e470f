package dev.quarkade.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.quarkade.room.RoomService;

/** Readiness goes DOWN while the server drains its rooms on shutdown, so load balancers stop sending players. */
@Readiness
@ApplicationScoped
public class RoomsReadiness implements HealthCheck {

    private final RoomService rooms;

    public RoomsReadiness(RoomService rooms) {
        this.rooms = rooms;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Quarkade rooms").status(!rooms.isDraining())
                .withData("rooms", rooms.rooms().size()).build();
    }
}
