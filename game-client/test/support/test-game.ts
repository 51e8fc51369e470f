/**
 * A tiny game for SDK tests, so they do not depend on the arena: the input is one number (0 = idle) sent as one byte,
 * and the world is the room state as it came.
 */
import type { GameDefinition, Prediction, YourSeat } from '../../src/sdk';
import type { WorldState } from '../../src/sdk';

export const testGame: GameDefinition<number, WorldState> = {
  id: 'test',
  input: { idle: 0, isIdle: (n) => n === 0, encode: (n) => new Uint8Array([n]) },
  readWorld: (state) => state,
};

/** A state with `globals` and one entity per value in `fields`. */
export function world(value: number, ...more: number[]): WorldState {
  return { globals: [1], entities: [value, ...more].map((v, i) => ({ id: i + 1, kind: 1, fields: [v] })) };
}

/** Records what the SDK tells a prediction, in order. */
export class RecordingPrediction implements Prediction<number, WorldState> {
  readonly calls: string[] = [];

  seated(you: YourSeat): void {
    this.calls.push(`seated ${you.seat}${you.resumed ? ' resumed' : ''}`);
  }

  inputSent(seq: number, input: number): void {
    this.calls.push(`sent ${seq}:${input}`);
  }

  reconcile(world: WorldState, lastInputSeq: number | null): void {
    this.calls.push(`state ${world.entities[0]?.fields[0]} applied ${lastInputSeq}`);
  }
}
