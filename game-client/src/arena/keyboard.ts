/** Keyboard state turned into one arena input per tick: WASD or arrows to move, Shift to dash. */
import { BUTTON_DASH, BUTTON_FIRE, type ArenaInput } from './input';

const LEFT = new Set(['KeyA', 'ArrowLeft']);
const RIGHT = new Set(['KeyD', 'ArrowRight']);
const UP = new Set(['KeyW', 'ArrowUp']);
const DOWN = new Set(['KeyS', 'ArrowDown']);
const DASH = new Set(['ShiftLeft', 'ShiftRight']);
const FIRE = new Set(['Space']);
const GAME_KEYS = new Set([...LEFT, ...RIGHT, ...UP, ...DOWN, ...DASH, ...FIRE]);

/** Where the arena's input comes from: attached while playing, read once per tick. */
export interface Controls {
  /** Starts listening; returns the function that stops it. */
  attach(): () => void;
  read(): ArenaInput;
}

export class Keyboard implements Controls {
  private readonly down = new Set<string>();
  private readonly onDown = (e: KeyboardEvent) => {
    if (isTyping(e.target) || !GAME_KEYS.has(e.code)) return;
    this.down.add(e.code);
    e.preventDefault();
  };
  private readonly onUp = (e: KeyboardEvent) => {
    this.down.delete(e.code);
  };
  private readonly onBlur = () => this.down.clear();

  attach(target: Window = window): () => void {
    target.addEventListener('keydown', this.onDown);
    target.addEventListener('keyup', this.onUp);
    target.addEventListener('blur', this.onBlur);
    return () => {
      target.removeEventListener('keydown', this.onDown);
      target.removeEventListener('keyup', this.onUp);
      target.removeEventListener('blur', this.onBlur);
      this.down.clear();
    };
  }

  read(): ArenaInput {
    const any = (keys: Set<string>) => [...keys].some((k) => this.down.has(k));
    const moveX = (any(RIGHT) ? 127 : 0) - (any(LEFT) ? 127 : 0);
    const moveY = (any(DOWN) ? 127 : 0) - (any(UP) ? 127 : 0);
    const buttons = (any(DASH) ? BUTTON_DASH : 0) | (any(FIRE) ? BUTTON_FIRE : 0);
    return { moveX, moveY, buttons };
  }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
