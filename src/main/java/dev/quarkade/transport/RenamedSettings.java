package dev.quarkade.transport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.FallbackConfigSourceInterceptor;

/**
 * Settings that moved to a new name keep working under the old one, which is public contract: when only the old name
 * is set, its value is the new name's (whichever of the two comes from the higher-priority source wins, so a value set
 * under either name beats the default). A warning names the new name once. Registered through
 * {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public class RenamedSettings extends FallbackConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RenamedSettings.class);
    /** New name → old name. */
    static final Map<String, String> RENAMED = Map.of(
            "quarkade.websocket.max-frames-in-flight", "quarkade.room.max-frames-in-flight");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    public RenamedSettings() {
        super(RENAMED);
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = super.getValue(context, name);
        String old = RENAMED.get(name);
        if (old != null && value != null && old.equals(value.getName()) && WARNED.compareAndSet(false, true)) {
            LOG.warnf("%s is deprecated: set %s instead", old, name);
        }
        return value;
    }
}
