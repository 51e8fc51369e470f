/**
 * The connection audit: who was connected to which room, from where, when, and how the connection ended. Written
 * through the write-behind queue of {@code dev.quarkade.persistence}, read at {@code GET /api/me/connections}.
 */
package dev.quarkade.audit;
