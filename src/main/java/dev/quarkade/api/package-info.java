/**
 * The shared shape of the HTTP API: the JSON error body every feature answers with, the exception that carries it
 * and the mappers and filters that turn failures (bad JSON, oversized bodies, missing credentials) into it.
 */
package dev.quarkade.api;
