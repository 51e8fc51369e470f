/**
 * Authentication: guest, register and login flows, access tokens (RS256 JWTs) and rotating refresh tokens, the
 * signing keys and their JWKS, login lockout, and the Bearer mechanism that lets any resource use
 * {@code @Authenticated}. Sessions and refresh-token families persist here; players live in
 * {@code dev.quarkade.player}.
 */
package dev.quarkade.auth;
