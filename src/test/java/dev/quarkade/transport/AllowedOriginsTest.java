package dev.quarkade.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    private final AllowedOrigins origins = new AllowedOrigins(
            List.of("https://play.example.com", "http://localhost:*"));

    @Test
    void theServersOwnOriginIsAllowed() {
        assertTrue(new AllowedOrigins(List.of()).allows("https://game.example.org", "game.example.org"));
        assertTrue(new AllowedOrigins(List.of()).allows("http://game.example.org:8080", "game.example.org:8080"));
    }

    @Test
    void listedOriginsAreAllowedIgnoringCase() {
        assertTrue(origins.allows("https://Play.Example.com", "api.example.com"));
    }

    @Test
    void anyPortPatternAllowsEveryPortOfThatHostOnly() {
        assertTrue(origins.allows("http://localhost:5173", "api.example.com"));
        assertTrue(origins.allows("http://localhost", "api.example.com"));
        assertFalse(origins.allows("http://localhost.evil.com", "api.example.com"));
        assertFalse(origins.allows("http://localhost:80.evil.com", "api.example.com"));
        assertFalse(origins.allows("https://localhost:5173", "api.example.com"));
    }

    @Test
    void otherOriginsAreRefused() {
        assertFalse(origins.allows("https://evil.example.net", "api.example.com"));
        assertFalse(origins.allows("https://play.example.com.evil.net", "api.example.com"));
        assertFalse(origins.allows("null", "api.example.com"));
    }
}
