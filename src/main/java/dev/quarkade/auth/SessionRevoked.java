package dev.quarkade.auth;

import java.util.UUID;

/** CDI event fired after a session's revocation is committed (logout, refresh-token reuse). */
public record SessionRevoked(UUID sessionId, String reason) {
}
