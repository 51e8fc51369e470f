package dev.quarkade.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.LogCapture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A client that resets its connection while its request is in the database (issue 18.12): the request's session
 * and transaction finish as if it had waited, nothing is logged, and the next requests are served.
 */
@QuarkusTest
class AbortedRequestsTest {

    private static final int ABORTS = 300;

    @TestHTTPResource("/")
    URI base;

    @Test
    void requestsResetByTheirClientReleaseTheirSessionWithoutAnError() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < ABORTS; i++) {
                String body = switch (i % 3) {
                    case 0 -> "{\"name\":\"aborted\"}";
                    case 1 -> "{\"username\":\"" + Accounts.uniqueUsername("abort") + "\",\"password\":\"a good password\"}";
                    default -> "{\"username\":\"nobody_" + i + "\",\"password\":\"a good password\"}";
                };
                String path = switch (i % 3) {
                    case 0 -> "/api/auth/guest";
                    case 1 -> "/api/auth/register";
                    default -> "/api/auth/login";
                };
                sendAndReset(path, body);
            }
            // Every request served after the resets is served as usual.
            given().contentType(ContentType.JSON).body(Map.of("name", "after")).post("/api/auth/guest").then()
                    .statusCode(200);
            String username = Accounts.uniqueUsername("after");
            Accounts.register(username, "a good password");
            Accounts.login(username, "a good password");
            assertThat(log.problems()).as("errors logged for %d reset requests", ABORTS).isEmpty();
        }
    }

    /** Writes the whole request, then closes with a TCP reset (linger 0) before any answer can arrive. */
    private void sendAndReset(String path, String body) throws Exception {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            // Closed at once: the server reads the request and finds its client gone at whatever point it has reached.
        }
    }
}
