/** The arena's movement rule, exactly as the server's ArenaMatch applies one INPUT, so the client can predict it. */
import { BUTTON_DASH, type ArenaInput } from './input';
import { FIELD_HEIGHT, FIELD_WIDTH, PLAYER_SPEED } from './settings';
import type { Point } from './world';

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(max, v));
}

/** One movement step (Java int division truncates toward zero), clamped to the field. */
export function move(from: Point, input: ArenaInput, speed = PLAYER_SPEED): Point {
  const s = input.buttons & BUTTON_DASH ? speed * 2 : speed;
  return {
    x: clamp(from.x + Math.trunc((input.moveX * s) / 127), FIELD_WIDTH),
    y: clamp(from.y + Math.trunc((input.moveY * s) / 127), FIELD_HEIGHT),
  };
}
