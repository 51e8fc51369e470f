/** The arena's INPUT payload (docs/protocol.md section 9): a stick (moveX, moveY) and two buttons, in 3 bytes. */
import type { InputCodec } from '../sdk';

export const BUTTON_FIRE = 1;
export const BUTTON_DASH = 2;

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

export const arenaInput: InputCodec<ArenaInput> = { idle: IDLE_INPUT, isIdle, encode: encodeInput };
