package dev.quarkade.ops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Dev mode only: runs {@code npm run watch} in game-client/, which rebuilds the client into game-client/dist on every
 * save, and serves that directory from disk ahead of the packaged copy, so a browser refresh shows the new code. The
 * watcher is started once per dev-mode JVM (a Java hot reload must not start a second one: the flag lives in a
 * system property, which outlives the reloaded class loader) and stopped when the JVM exits.
 */
@ApplicationScoped
public class ClientLiveReload {

    private static final Logger LOG = Logger.getLogger(ClientLiveReload.class);
    private static final String STARTED = "quarkade.client-watch.pid";
    private static final Path CLIENT = Path.of("game-client");

    @ConfigProperty(name = "quarkade.dev.client-watch", defaultValue = "true")
    boolean enabled;

    private boolean isOn() {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || !enabled) {
            return false;
        }
        if (!Files.exists(CLIENT.resolve("package.json")) || !Files.isDirectory(CLIENT.resolve("node_modules"))) {
            LOG.info("No game-client/node_modules here: client live reload is off (run npm ci in game-client)");
            return false;
        }
        return true;
    }

    void serveFromDisk(@Observes Router router) {
        if (!isOn()) {
            return;
        }
        // Ahead of Quarkus's own static resources (which only knows the files present when it started).
        router.route("/*").order(-1).handler(StaticHandler.create(FileSystemAccess.ROOT,
                CLIENT.resolve("dist").toAbsolutePath().toString()).setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
    }

    void onStart(@Observes StartupEvent event) {
        if (!isOn() || System.getProperty(STARTED) != null) {
            return;
        }
        try {
            Process watcher = new ProcessBuilder("npm", "run", "watch").directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(new File("target/client-watch.log")).start();
            System.setProperty(STARTED, Long.toString(watcher.pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                watcher.descendants().forEach(ProcessHandle::destroy);
                watcher.destroy();
            }, "quarkade-client-watch-stop"));
            LOG.infof("Client live reload: npm run watch (pid %d) rebuilds game-client on save; log in "
                    + "target/client-watch.log", watcher.pid());
        } catch (IOException e) {
            LOG.warnf("Client live reload is off: could not start npm (%s)", e.getMessage());
        }
    }
}
