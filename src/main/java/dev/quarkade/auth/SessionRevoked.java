package dev.quarkade.auth;

import java.util.UUID;

/**
 * CDI event fired after a session's revocation is committed (logout, refresh-token reuse), or, with
 * {@code fromAnotherNode}, when another node of a cluster reported one (which is then not reported on again).
 */
public record SessionRevoked(UUID sessionId, String reason, boolean fromAnotherNode) {

    /** A revocation made on this node. */
    public SessionRevoked(UUID sessionId, String reason) {
        this(sessionId, reason, false);
    }
}
