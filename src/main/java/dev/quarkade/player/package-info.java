/**
 * Players: guest and registered accounts, their names and password hashes, and the profile endpoint
 * ({@code GET /api/me}). How a player proves who they are lives in {@code dev.quarkade.auth}.
 */
package dev.quarkade.player;
