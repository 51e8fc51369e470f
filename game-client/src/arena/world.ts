/**
 * The arena's world layout and movement rule, mirrored from the server's ArenaWorld and ArenaMatch so the client can
 * read states and predict its own movement exactly.
 */
import type { WorldState } from '../sdk/protocol/codec';

export const WIDTH = 1600;
export const HEIGHT = 1000;
export const PICKUP_DISTANCE = 32;

export const KIND_PLAYER = 1;
export const KIND_ORB = 2;
/** Field indexes, the same for both kinds: x, y, then score (player) or value (orb). */
export const FIELD_X = 0;
export const FIELD_Y = 1;
export const FIELD_SCORE = 2;
export const FIELD_VALUE = 2;
export const FIRST_ORB_ID = 1000;

export const GLOBAL_PHASE = 0;
export const GLOBAL_TICKS_LEFT = 1;

export const Phase = { WAITING: 0, PLAYING: 1, OVER: 2 } as const;

/** Buttons bits of the arena INPUT payload (docs/protocol.md section 9). */
export const BUTTON_FIRE = 1;
export const BUTTON_DASH = 2;

/** The server's default player speed in units per input; DASH doubles it. */
export const PLAYER_SPEED = 12;

export interface ArenaInput {
  moveX: number;
  moveY: number;
  buttons: number;
}

export const IDLE_INPUT: ArenaInput = { moveX: 0, moveY: 0, buttons: 0 };

export function isIdle(input: ArenaInput): boolean {
  return input.moveX === 0 && input.moveY === 0 && input.buttons === 0;
}

/** The 3-byte INPUT payload; moves are clamped to -127..127 because -128 is malformed. */
export function encodeInput(input: ArenaInput): Uint8Array {
  const clampMove = (v: number) => Math.max(-127, Math.min(127, Math.trunc(v)));
  const out = new Uint8Array(3);
  const view = new DataView(out.buffer);
  view.setInt8(0, clampMove(input.moveX));
  view.setInt8(1, clampMove(input.moveY));
  view.setUint8(2, input.buttons & (BUTTON_FIRE | BUTTON_DASH));
  return out;
}

export interface Point {
  x: number;
  y: number;
}

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(max, v));
}

/** One movement step, exactly as the server applies one INPUT (Java int division truncates toward zero). */
export function move(from: Point, input: ArenaInput, speed = PLAYER_SPEED): Point {
  const s = input.buttons & BUTTON_DASH ? speed * 2 : speed;
  return {
    x: clamp(from.x + Math.trunc((input.moveX * s) / 127), WIDTH),
    y: clamp(from.y + Math.trunc((input.moveY * s) / 127), HEIGHT),
  };
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
