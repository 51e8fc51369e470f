package dev.quarkade.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged application ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as in production. */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String baseUrl;
    private final HttpClient http;
    private final int plainPort;
    private final int managementPort;
    private final Path log;
    private final Duration timeToReady;

    private PackagedApp(Process process, String baseUrl, HttpClient http, int plainPort, int managementPort, Path log,
            Duration timeToReady) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.http = http;
        this.plainPort = plainPort;
        this.managementPort = managementPort;
        this.log = log;
        this.timeToReady = timeToReady;
    }

    /**
     * Starts the jar with the given system properties and environment and waits until /q/health/ready (on the management
     * interface) is UP.
     */
    public static PackagedApp start(Map<String, String> systemProperties, Map<String, String> environment)
            throws IOException {
        return startOnPort(LocalPostgresServer.freePort(), systemProperties, environment);
    }

    /** As {@link #start}, on a port the caller chose (a cluster node must know its own public URL). */
    public static PackagedApp startOnPort(int port, Map<String, String> systemProperties,
            Map<String, String> environment) throws IOException {
        return launch(List.of("-Dquarkus.http.port=" + port), systemProperties, environment,
                "http://localhost:" + port, HTTP, port);
    }

    /**
     * Starts the jar serving HTTPS (and wss) with {@code certificate} through the default TLS configuration of the
     * Quarkus TLS registry, on a free port; {@link #baseUrl()} is then the https one, and the plain HTTP port (see
     * {@link #plainUrl()}) does what {@code quarkus.http.insecure-requests} in {@code systemProperties} says.
     */
    public static PackagedApp startTls(TestCertificate certificate, Map<String, String> systemProperties,
            Map<String, String> environment) throws IOException, GeneralSecurityException {
        int port = LocalPostgresServer.freePort();
        int sslPort = LocalPostgresServer.freePort();
        List<String> tls = List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.ssl-port=" + sslPort,
                "-Dquarkus.tls.key-store.p12.path=" + certificate.keyStore(),
                "-Dquarkus.tls.key-store.p12.password=" + certificate.password());
        HttpClient trusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(certificate.clientContext()).build();
        return launch(tls, systemProperties, environment, "https://localhost:" + sslPort, trusting, port);
    }

    private static PackagedApp launch(List<String> ports, Map<String, String> systemProperties,
            Map<String, String> environment, String baseUrl, HttpClient http, int plainPort) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw verify (integration tests run after package)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(ports);
        // The packaged (prod) app serves /q/* on its management interface; each app gets a free port for it.
        int managementPort = LocalPostgresServer.freePort();
        command.add("-Dquarkus.management.port=" + managementPort);
        // Every test client comes from 127.0.0.1: the per-address limits are not what these tests check (a test of
        // them passes its own values, which come later on the command line and win).
        command.addAll(List.of("-Dquarkade.auth.guests-per-address=100000", "-Dquarkade.auth.logins-per-address=100000"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Files.createTempFile("quarkade-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("QUARKADE_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        PackagedApp app = new PackagedApp(process, baseUrl, http, plainPort, managementPort, log, null);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || app.isReady());
        } catch (RuntimeException timeout) {
            app.close();
            throw new IllegalStateException("Not ready in 60 s:\n" + app.log(), timeout);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("The application exited:\n" + app.log());
        }
        return new PackagedApp(process, baseUrl, http, plainPort, managementPort, log,
                Duration.ofNanos(System.nanoTime() - started));
    }

    public Duration timeToReady() {
        return timeToReady;
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The plain HTTP address: the same as {@link #baseUrl()} unless started with {@link #startTls}. */
    public String plainUrl() {
        return "http://localhost:" + plainPort;
    }

    /**
     * The management interface, where the packaged app serves /q/health, /q/metrics and /q/openapi: over TLS when the
     * app was started with a certificate (it uses the default TLS configuration too).
     */
    public String managementUrl() {
        return (baseUrl.startsWith("https:") ? "https" : "http") + "://localhost:" + managementPort;
    }

    /** The status and body of a GET on the management interface, whatever the status. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private boolean isReady() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    /** The status and body of a GET, whatever the status. */
    public HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM and returns at once: the application is then in its shutdown delay, then exits. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the application as a crash would (SIGKILL: no shutdown at all) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the application survived SIGKILL for 10 s");
        }
    }

    /** Stops the application gracefully (SIGTERM) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
