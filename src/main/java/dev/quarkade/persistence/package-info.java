/**
 * Persistence: the database the server talks to (embedded PostgreSQL by default, an external one when configured)
 * and the write-behind queue that writes audit and match records off the tick and socket paths. Schema changes are
 * Flyway migrations in {@code src/main/resources/db/migration}; docs/persistence.md describes both.
 */
package dev.quarkade.persistence;
