package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.TestCertificate;
import dev.quarkade.testsupport.TestPlayer;

/**
 * The packaged server on a certificate made for this test: a guest token over HTTPS, a room over wss with WELCOME and
 * STATE frames, and plain HTTP redirected to HTTPS ({@code quarkus.http.insecure-requests=redirect}).
 */
class TlsIT {

    @TempDir
    Path home;

    @Test
    void playsOverWssAndRedirectsPlainHttp() throws Exception {
        TestCertificate certificate = TestCertificate.generate(home);
        try (PackagedApp app = PackagedApp.startTls(certificate,
                Map.of("quarkus.http.insecure-requests", "redirect",
                        "quarkade.embedded-db.data-dir", home.resolve("pg").toString(),
                        "quarkade.jwt.key-dir", home.resolve("keys").toString()),
                Map.of())) {
            assertThat(app.baseUrl()).startsWith("https://");
            assertThat(app.get("/api/server")).contains("version");

            // HTTP/1.1: a request upgraded to h2c on the plain port is answered 404 rather than redirected.
            HttpResponse<Void> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(app.plainUrl() + "/api/server")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(plain.statusCode()).isBetween(301, 308);
            assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith(app.baseUrl()));

            try (TestPlayer player = TestPlayer.guest(URI.create(app.baseUrl()), certificate, "secure")) {
                player.connect(player.quickPlay());
                await().atMost(Duration.ofSeconds(10)).until(() -> player.mirror.welcome() != null
                        && player.mirror.lastState() != null);
                assertThat(player.mirror.checksumMismatches()).isZero();
                assertThat(player.decodeFailure()).isNull();
            }
        }
    }
}
