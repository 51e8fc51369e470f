/**
 * The engine: one room's seats ({@link dev.quarkade.room.Seats}), its inbox of commands
 * ({@link dev.quarkade.room.RoomInbox}), its matches one after the other ({@link dev.quarkade.room.MatchCycle}), every
 * frame it sends ({@link dev.quarkade.room.RoomOutbox}) and what other threads may read of it
 * ({@link dev.quarkade.room.RoomMonitor}), driven by {@link dev.quarkade.room.Room#tick}. Plain Java, one thread at a
 * time; it talks to players only through {@link dev.quarkade.room.PlayerChannel}, never to a socket. Its Quarkus side
 * is {@code room.runtime}; durable rooms are {@code room.durable}.
 */
package dev.quarkade.room;
