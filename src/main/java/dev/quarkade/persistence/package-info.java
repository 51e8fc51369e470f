/**
 * Persistence: the database the server talks to (embedded PostgreSQL by default, an external one when configured).
 * Schema changes are Flyway migrations in {@code src/main/resources/db/migration}.
 */
package dev.quarkade.persistence;
