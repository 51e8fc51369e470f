/**
 * State sync: the authoritative {@link dev.quarkade.sync.WorldState} games write into, its full-snapshot and delta
 * encodings, the CRC-32 checksum clients use to detect desync, the server's history ring of past states used as delta
 * baselines, and the client side that applies what it receives. Deltas are always against a state the client has
 * acknowledged, so a dropped STATE frame costs bandwidth, never correctness. Plain Java; the byte layout is in
 * docs/protocol.md.
 */
package dev.quarkade.sync;
