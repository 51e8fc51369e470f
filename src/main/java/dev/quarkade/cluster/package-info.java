/**
 * Cluster mode: many Quarkade nodes behind one lobby, coordinated through Redis (docs/architecture.md, Multi-node).
 * Rooms stay pinned to the node that ticks them; what is shared is the directory around them: which nodes are alive
 * and where they are reached ({@link dev.quarkade.cluster.NodeRegistry}), which rooms exist on which node and who
 * holds their seats ({@link dev.quarkade.cluster.RoomDirectory}, atomic Lua scripts in
 * {@link dev.quarkade.cluster.DirectoryScripts}), and the lobby that answers any node's REST calls from it
 * ({@link dev.quarkade.lobby.Lobby}). With no {@code quarkus.redis.hosts} configured nothing here connects or runs:
 * the lobby then answers from this node's rooms alone.
 */
package dev.quarkade.cluster;
