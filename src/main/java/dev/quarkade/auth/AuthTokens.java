package dev.quarkade.auth;

import java.util.UUID;

/** What guest, register, login and refresh answer: who you are and a fresh token pair. */
public record AuthTokens(UUID playerId, String name, String accessToken, String refreshToken, long expiresIn) {
}
