/**
 * What a game gives the SDK: its INPUT payload, how to read its world out of a room state, and its prediction if it
 * has one. The SDK does the rest (sockets, sync, acknowledgements, reconnecting) the same for every game.
 */
import type { WorldState } from './protocol/state';

/** The game's INPUT payload (docs/protocol.md section 5: at most 64 bytes). */
export interface InputCodec<Input> {
  /** The input when the player does nothing. */
  readonly idle: Input;
  isIdle(input: Input): boolean;
  encode(input: Input): Uint8Array;
}

export interface GameDefinition<Input, World> {
  /** The game's name on the server: matchmaking, room lists, the leaderboard ("arena"). */
  readonly id: string;
  readonly input: InputCodec<Input>;
  /** The game's view of one room state (its entities and globals); called once per applied state. */
  readWorld(state: WorldState): World;
}

/** Your place in the room, from WELCOME. */
export interface YourSeat {
  seat: number;
  /** The entity you control, when the game gives you one. */
  entityId: number;
  /** True when this connection took back a seat held for you (a reconnect within the grace). */
  resumed: boolean;
}

/**
 * Client-side prediction, for a game that has it. The SDK numbers every INPUT (`seq`) and tells the prediction what
 * it sent and what the server has applied since; the prediction replays the rest on the authoritative state.
 */
export interface Prediction<Input, World> {
  /** A WELCOME: a seat that is not `resumed` will never see the inputs sent for the old one applied. */
  seated(you: YourSeat): void;
  /** The INPUT numbered `seq` is going out now. */
  inputSent(seq: number, input: Input): void;
  /**
   * A state was applied. `lastInputSeq` is the newest INPUT the server had applied in it; null for the state of a
   * WELCOME, which does not say (keep every pending input: the next STATE tells).
   */
  reconcile(world: World, lastInputSeq: number | null): void;
}
