/**
 * Transport: the WebSocket endpoint, the checks every upgrade passes (Origin allowlist, Bearer token), and the
 * registry of open connections that closes them when their session is revoked or their token expires.
 */
package dev.quarkade.transport;
