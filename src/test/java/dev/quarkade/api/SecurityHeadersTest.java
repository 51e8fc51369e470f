package dev.quarkade.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every answer, page or API, carries the headers that keep the pages from being framed, sniffed or injected. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        for (String path : new String[] { "/", "/admin/", "/api/rooms", "/no-such-page" }) {
            assertHeaders(given().get(path).then());
        }
        assertHeaders(given().contentType("application/json").body("{").post("/api/auth/guest").then().statusCode(400));
    }

    private static void assertHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self' ws: wss:"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
