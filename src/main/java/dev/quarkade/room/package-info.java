/**
 * Rooms: seats, the inbox, the fixed-rate tick and state broadcast. A room is plain Java driven by one thread at a
 * time; it talks to players only through {@link dev.quarkade.room.PlayerChannel}, never to a socket. The CDI side
 * ({@link dev.quarkade.room.runtime.RoomService}) creates rooms, schedules their ticks on Vert.x event loops and lists them.
 * With durable rooms on, {@link dev.quarkade.room.durable.SnapshotWriter} snapshots them to PostgreSQL and
 * {@link dev.quarkade.room.durable.DurableRooms} restores the room of a dead node from its snapshot.
 */
package dev.quarkade.room;
