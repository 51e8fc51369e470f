package dev.quarkade.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of this project (pom, wrapper, src: no target/, no game client) running {@code ./mvnw quarkus:dev} on a free
 * port, with its embedded database and signing key in the copy. Editing a source file and sending any HTTP request
 * makes dev mode recompile and restart the application, as it does for a developer.
 */
public final class DevModeProject implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final Process maven;
    private final int port;
    private final Path log;

    private DevModeProject(Path dir, Process maven, int port, Path log) {
        this.dir = dir;
        this.maven = maven;
        this.port = port;
        this.log = log;
    }

    /** Copies the project into {@code dir}, starts dev mode there and waits up to {@code timeout} until it is ready. */
    public static DevModeProject start(Path dir, Duration timeout) throws IOException {
        Path project = Path.of("").toAbsolutePath();
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src")) {
            copy(project.resolve(part), dir.resolve(part));
        }
        int port = LocalPostgresServer.freePort();
        Path log = Files.createTempFile("quarkade-devmode", ".log");
        List<String> command = List.of(dir.resolve("mvnw").toString(), "-B", "-ntp", "quarkus:dev",
                "-DskipClient=true", "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.http.port=" + port, "-Dquarkus.analytics.disabled=true",
                "-Dquarkade.embedded-db.data-dir=" + dir.resolve("pgdata"),
                "-Dquarkade.jwt.key-dir=" + dir.resolve("keys"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("QUARKADE_"));
        DevModeProject app = new DevModeProject(dir, builder.start(), port, log);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> !app.maven.isAlive() || app.status("/q/health/ready") == 200);
        } catch (RuntimeException notReady) {
            app.close();
            throw new IllegalStateException("Dev mode not ready in " + timeout + ":\n" + app.log(), notReady);
        }
        if (!app.maven.isAlive()) {
            throw new IllegalStateException("Dev mode exited:\n" + app.log());
        }
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Replaces {@code from} by {@code to} in a file of the copy, e.g. {@code src/main/java/...}. */
    public void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " has no " + from);
        }
        Files.writeString(path, text.replace(from, to));
        // Dev mode compares modification times; make sure the edit is newer than the last compile.
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(2)));
    }

    /** Sends a request, which makes dev mode apply pending changes first; answers its status. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofMinutes(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops dev mode: its application JVM first (so it stops its database), then Maven; forcibly if they hang. */
    @Override
    public void close() {
        List<ProcessHandle> children = maven.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        maven.destroy();
        try {
            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
            }
            maven.waitFor(20, TimeUnit.SECONDS);
        } catch (Exception stuck) {
            // fall through to the forcible stop
        }
        children.forEach(ProcessHandle::destroyForcibly);
        maven.destroyForcibly();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
