import { describe, expect, it } from 'vitest';
import type { Feed, RoomSnapshot } from '../../src/admin/api';
import { RoomHistory } from '../../src/admin/history';

function room(roomId: string, players: number, tickP99Ms = 0.5, bytesPerSecond = 2048): RoomSnapshot {
  return {
    roomId,
    game: 'arena',
    status: 'playing',
    capacity: 8,
    tick: 1,
    tickP99Ms,
    bytesPerSecond,
    at: 0,
    players: Array.from({ length: players }, (_, i) => ({ seat: i, playerId: `p${i}`, name: `P${i}`, liveness: 'connected', rttMs: 3 })),
  };
}

const feed = (atSeconds: number, ...rooms: RoomSnapshot[]): Feed => ({ at: atSeconds * 1000, rooms });

describe('RoomHistory', () => {
  it('keeps one point per feed event per room, in the columns uPlot draws', () => {
    const h = new RoomHistory();
    h.push(feed(10, room('a', 1, 0.4, 1024)));
    h.push(feed(11, room('a', 2, 0.6, 3072)));
    expect(h.of('a')).toEqual({ t: [10, 11], tickP99Ms: [0.4, 0.6], players: [1, 2], kbPerSecond: [1, 3] });
  });

  it('drops the oldest points beyond its capacity', () => {
    const h = new RoomHistory(3);
    for (let s = 1; s <= 5; s++) h.push(feed(s, room('a', s)));
    expect(h.of('a')!.t).toEqual([3, 4, 5]);
    expect(h.of('a')!.players).toEqual([3, 4, 5]);
  });

  it('forgets a room once it is no longer in the feed, and ignores a repeated event', () => {
    const h = new RoomHistory();
    h.push(feed(1, room('a', 1), room('b', 1)));
    h.push(feed(1, room('a', 3)));
    h.push(feed(2, room('a', 2)));
    expect(h.of('b')).toBeUndefined();
    expect(h.of('a')!.players).toEqual([1, 2]);
  });
});
