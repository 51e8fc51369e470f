/**
 * The engine's Quarkus side: the games of this server ({@link dev.quarkade.room.runtime.GameCatalog}), the rooms open
 * on this node ({@link dev.quarkade.room.runtime.RoomRegistry}), opening them ({@link dev.quarkade.room.runtime.RoomOpener})
 * and ticking them on Vert.x event loops ({@link dev.quarkade.room.runtime.RoomTicker}), operator commands
 * ({@link dev.quarkade.room.runtime.RoomControl}), shutdown ({@link dev.quarkade.room.runtime.RoomShutdown}), the
 * dev-mode hot-reload handover, metrics and match events ({@link dev.quarkade.room.runtime.RoomEvents}), readiness and
 * the {@code quarkade.room.*} settings. It fires {@link dev.quarkade.room.runtime.RoomLifecycle} events and knows
 * nothing of who observes them.
 */
package dev.quarkade.room.runtime;
