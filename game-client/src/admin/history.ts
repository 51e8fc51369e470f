/**
 * The console's memory of the feed: per room, the last minutes of tick time, players and bandwidth, one point per
 * feed event, oldest dropped first. Pure, so it is unit-tested without a browser.
 */
import type { Feed } from './api';

/** Five minutes of one-second events. */
export const HISTORY_POINTS = 300;

/** Columns in the shape uPlot draws: x (seconds since the epoch) and one array per series. */
export interface Series {
  t: number[];
  tickP99Ms: number[];
  players: number[];
  kbPerSecond: number[];
}

export class RoomHistory {
  private readonly rooms = new Map<string, Series>();

  constructor(private readonly capacity = HISTORY_POINTS) {}

  /** Adds one feed event; rooms no longer open are forgotten. */
  push(feed: Feed): void {
    const open = new Set(feed.rooms.map((r) => r.roomId));
    for (const id of [...this.rooms.keys()]) if (!open.has(id)) this.rooms.delete(id);
    for (const room of feed.rooms) {
      let s = this.rooms.get(room.roomId);
      if (!s) {
        s = { t: [], tickP99Ms: [], players: [], kbPerSecond: [] };
        this.rooms.set(room.roomId, s);
      }
      const t = feed.at / 1000;
      if (s.t.length > 0 && t <= s.t[s.t.length - 1]) continue; // a repeated or late event
      s.t.push(t);
      s.tickP99Ms.push(room.tickP99Ms);
      s.players.push(room.players.length);
      s.kbPerSecond.push(room.bytesPerSecond / 1024);
      if (s.t.length > this.capacity) {
        for (const column of [s.t, s.tickP99Ms, s.players, s.kbPerSecond]) column.shift();
      }
    }
  }

  of(roomId: string): Series | undefined {
    return this.rooms.get(roomId);
  }
}
