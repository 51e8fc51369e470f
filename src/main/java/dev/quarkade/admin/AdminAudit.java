package dev.quarkade.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes the operators' audit trail. An admin action is rare, so it is written directly, in its own transaction, and
 * the action is carried out only once the row is committed: no action goes unrecorded, and with the database away the
 * console's actions fail rather than happen unseen.
 */
@ApplicationScoped
public class AdminAudit {

    public Uni<AdminAction> record(UUID adminId, String action, String target, String reason) {
        AdminAction row = new AdminAction();
        row.id = UUID.randomUUID();
        row.adminId = adminId;
        row.action = action;
        row.target = target;
        row.reason = reason;
        row.at = Instant.now();
        return Panache.withTransaction(row::persist).replaceWith(row);
    }
}
