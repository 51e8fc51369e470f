/**
 * Operations: what an operator sees of a running server (start records, server info); health and metrics come
 * from Quarkus extensions.
 */
package dev.quarkade.ops;
