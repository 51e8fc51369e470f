package dev.quarkade.room.runtime;

import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.room.SavedRoom;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Hands the rooms of one dev-mode application instance to the next across a hot reload, so open rooms survive an
 * edited class. A reload throws away the class loader of the application, so no object of ours survives it; a JVM
 * system property does (the embedded database keeps its port the same way). It holds the rooms as bytes
 * ({@link SavedRoom#encodeAll}) in Base64: plain data, no class-loader-bound object, nothing on disk that a later
 * {@code quarkus:dev} session could pick up by mistake, and gone when the JVM exits.
 */
@ApplicationScoped
public class HotReloadHandover {

    static final String PROPERTY = "quarkade.dev.carried-rooms";

    private static final Logger LOG = Logger.getLogger(HotReloadHandover.class);

    private final RoomOpener opener;

    HotReloadHandover(RoomOpener opener) {
        this.opener = opener;
    }

    /** Dev mode, on start: brings back the rooms the previous application instance kept before its hot reload. */
    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        for (SavedRoom saved : take()) {
            try {
                opener.restore(saved);
                LOG.infof("Dev mode: room %s restored with %d seat(s) at tick %d", saved.id(), saved.seats().size(),
                        saved.tick());
            } catch (RuntimeException e) {
                LOG.warnf("Dev mode: room %s could not be restored: %s", saved.id(), e.getMessage());
            }
        }
    }

    /** Dev mode, on stop: keeps {@code rooms} for the next application instance. */
    void keep(List<SavedRoom> rooms) {
        if (rooms.isEmpty()) {
            System.clearProperty(PROPERTY);
            return;
        }
        System.setProperty(PROPERTY, Base64.getEncoder().encodeToString(SavedRoom.encodeAll(rooms)));
        LOG.infof("Dev mode: %d room(s) kept for after the restart", rooms.size());
    }

    /** The rooms kept by the previous instance, once: the property is cleared. None if there are none or unreadable. */
    private static List<SavedRoom> take() {
        String carried = System.getProperty(PROPERTY);
        System.clearProperty(PROPERTY);
        if (carried == null) {
            return List.of();
        }
        try {
            return SavedRoom.decodeAll(Base64.getDecoder().decode(carried));
        } catch (ProtocolException | IllegalArgumentException e) {
            LOG.warnf("Rooms from before the hot reload could not be read and are dropped: %s", e.getMessage());
            return List.of();
        }
    }
}
