/**
 * What players ask about rooms before they connect, over REST ({@link dev.quarkade.lobby.RoomResource}) and at the
 * WebSocket upgrade: {@link dev.quarkade.lobby.Lobby}, answered from this node's rooms by
 * {@link dev.quarkade.lobby.LocalLobby} unless a cluster provides its own. Room URLs are built in one place,
 * {@link dev.quarkade.lobby.RoomUrls}.
 */
package dev.quarkade.lobby;
