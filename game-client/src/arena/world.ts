/**
 * The arena's world layout (docs/protocol.md section 9), mirrored from the server's ArenaWorld: which entities and
 * globals a room state holds, and the arena's view of one state.
 */
import type { WorldState } from '../sdk';

export const KIND_PLAYER = 1;
export const KIND_ORB = 2;
/** Field indexes, the same for both kinds: x, y, then score (player) or value (orb). */
export const FIELD_X = 0;
export const FIELD_Y = 1;
export const FIELD_SCORE = 2;
export const FIELD_VALUE = 2;

export const GLOBAL_PHASE = 0;
export const GLOBAL_TICKS_LEFT = 1;

export const Phase = { WAITING: 0, PLAYING: 1, OVER: 2 } as const;

export interface Point {
  x: number;
  y: number;
}

export interface ArenaPlayer {
  entityId: number;
  x: number;
  y: number;
  score: number;
}

export interface ArenaOrb {
  id: number;
  x: number;
  y: number;
  value: number;
}

/** What the arena screen needs from one state. */
export interface ArenaView {
  phase: number;
  ticksLeft: number;
  players: ArenaPlayer[];
  orbs: ArenaOrb[];
}

export function readArena(state: WorldState): ArenaView {
  const players: ArenaPlayer[] = [];
  const orbs: ArenaOrb[] = [];
  for (const e of state.entities) {
    if (e.kind === KIND_PLAYER) {
      players.push({ entityId: e.id, x: e.fields[FIELD_X] ?? 0, y: e.fields[FIELD_Y] ?? 0, score: e.fields[FIELD_SCORE] ?? 0 });
    } else if (e.kind === KIND_ORB) {
      orbs.push({ id: e.id, x: e.fields[FIELD_X] ?? 0, y: e.fields[FIELD_Y] ?? 0, value: e.fields[FIELD_VALUE] ?? 0 });
    }
  }
  return {
    phase: state.globals[GLOBAL_PHASE] ?? Phase.WAITING,
    ticksLeft: state.globals[GLOBAL_TICKS_LEFT] ?? 0,
    players,
    orbs,
  };
}

/** Seat s drives entity s + 1. */
export function entityOfSeat(seat: number): number {
  return seat + 1;
}

export function seatOfEntity(entityId: number): number {
  return entityId - 1;
}
