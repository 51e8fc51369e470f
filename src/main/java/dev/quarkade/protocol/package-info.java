/**
 * Wire protocol: message type codes, message records, the binary frame codec and WebSocket close codes. Plain Java on
 * {@code byte[]} and {@link java.nio.ByteBuffer}; no Quarkus or Vert.x types, so the game client's codec tests and the
 * load generator can share the golden frames in {@code src/test/resources/protocol}. The contract is
 * {@code docs/protocol.md}.
 */
package dev.quarkade.protocol;
