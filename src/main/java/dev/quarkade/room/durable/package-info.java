/**
 * Durable rooms ({@code quarkade.room.durable}): every room's {@link dev.quarkade.room.SavedRoom} is written to
 * PostgreSQL as its snapshot ({@link dev.quarkade.room.durable.SnapshotWriter},
 * {@link dev.quarkade.room.durable.SnapshotStore}),
 * and the room of a node that is gone is restored from it ({@link dev.quarkade.room.durable.DurableRooms}); who is
 * gone is {@link dev.quarkade.room.durable.RoomOwners}' answer (this process alone by default, the cluster's node
 * registry in cluster mode).
 */
package dev.quarkade.room.durable;
