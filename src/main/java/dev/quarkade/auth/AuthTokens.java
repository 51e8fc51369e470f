package dev.quarkade.auth;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What guest, register, login and refresh answer: who you are and a fresh token pair. */
@RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
public record AuthTokens(UUID playerId, String name, String accessToken, String refreshToken, long expiresIn) {
}
