package dev.quarkade.room;

import java.util.Base64;
import java.util.List;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.ProtocolException;

/**
 * Hands the rooms of one dev-mode application instance to the next across a hot reload. A reload throws away the
 * class loader of the application, so no object of ours survives it; a JVM system property does (the embedded
 * database keeps its port the same way). It holds the rooms as bytes ({@link CarriedRoom#encodeAll}) in Base64:
 * plain data, no class-loader-bound object, nothing on disk that a later {@code quarkus:dev} session could pick up
 * by mistake, and gone when the JVM exits.
 */
final class HotReloadCarryOver {

    static final String PROPERTY = "quarkade.dev.carried-rooms";

    private static final Logger LOG = Logger.getLogger(HotReloadCarryOver.class);

    private HotReloadCarryOver() {
    }

    static void put(List<CarriedRoom> rooms) {
        if (rooms.isEmpty()) {
            System.clearProperty(PROPERTY);
            return;
        }
        System.setProperty(PROPERTY, Base64.getEncoder().encodeToString(CarriedRoom.encodeAll(rooms)));
    }

    /** The rooms put by the previous instance, once: the property is cleared. None if there are none or unreadable. */
    static List<CarriedRoom> take() {
        String carried = System.getProperty(PROPERTY);
        System.clearProperty(PROPERTY);
        if (carried == null) {
            return List.of();
        }
        try {
            return CarriedRoom.decodeAll(Base64.getDecoder().decode(carried));
        } catch (ProtocolException | IllegalArgumentException e) {
            LOG.warnf("Rooms from before the hot reload could not be read and are dropped: %s", e.getMessage());
            return List.of();
        }
    }
}
