/**
 * window.quarkade: a read-only view of the arena session for end-to-end tests (game-client/README.md, "For
 * end-to-end tests"), and debug.dropConnection() to lose the connection as a network failure would. The last session
 * stays readable after the match ends.
 */
import type { RoomStatus } from '../sdk';
import type { ArenaSession } from './session';
import { entityOfSeat } from './world';

export interface PlayerSnapshot {
  entityId: number;
  x: number;
  y: number;
  score: number;
  name: string;
}

/** What window.quarkade.state() returns (positions are the latest authoritative state). */
export interface ArenaTestState extends RoomStatus {
  players: PlayerSnapshot[];
}

declare global {
  interface Window {
    quarkade: {
      readonly state: () => ArenaTestState;
      readonly debug: { readonly dropConnection: () => void };
    };
  }
}

export function testState(session: ArenaSession): ArenaTestState {
  const room = session.room;
  const nameOf = (entityId: number) => room.roster.find((s) => entityOfSeat(s.seat) === entityId)?.name ?? '';
  const players = (session.view?.players ?? []).map((p) => ({ entityId: p.entityId, x: p.x, y: p.y, score: p.score, name: nameOf(p.entityId) }));
  return { ...room.status(), players };
}

/** Installs window.quarkade over whatever session `current` returns at the time of the call. */
export function installTestHook(current: () => { session: ArenaSession | null; playerId: string }): void {
  let last: ArenaTestState = {
    connected: false,
    reconnecting: false,
    roomId: '',
    playerId: '',
    seat: null,
    entityId: null,
    tick: 0,
    rttMs: null,
    players: [],
  };
  const state = (): ArenaTestState => {
    const { session, playerId } = current();
    if (session) last = testState(session);
    else last = { ...last, connected: false, reconnecting: false, playerId };
    return structuredClone(last);
  };
  Object.defineProperty(window, 'quarkade', {
    value: Object.freeze({
      state,
      debug: Object.freeze({ dropConnection: () => current().session?.room.dropConnection() }),
    }),
    writable: false,
    configurable: false,
  });
}
