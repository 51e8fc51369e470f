package dev.quarkade.room.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness goes DOWN while the server drains its rooms on shutdown, so load balancers stop sending players. */
@Readiness
@ApplicationScoped
public class RoomsReadiness implements HealthCheck {

    private final RoomRegistry rooms;

    RoomsReadiness(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Quarkade rooms").status(!rooms.isDraining())
                .withData("rooms", rooms.size()).build();
    }
}
