/**
 * Client-side prediction of the local player. Every INPUT sent is kept until a STATE's lastInputSeq says the server
 * applied it; the predicted position is the last authoritative position with the unacknowledged inputs replayed,
 * because the server applies each input as one movement step in seq order.
 */
import type { Prediction, YourSeat } from '../sdk';
import type { ArenaInput } from './input';
import { move } from './movement';
import { Phase, type ArenaView, type Point } from './world';

interface PendingInput {
  seq: number;
  input: ArenaInput;
}

/** Enough for several seconds at 30 Hz; older inputs are dropped rather than grow without bound. */
const MAX_PENDING = 256;

export class Predictor {
  private pending: PendingInput[] = [];
  private lastSeq = 0;
  private authoritative: Point | null = null;
  private predicted: Point | null = null;
  private movable = false;

  /** The newest seq known to be applied: every input after it is still pending. */
  get acknowledgedSeq(): number {
    return this.pending.length ? this.pending[0].seq - 1 : this.lastSeq;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The predicted position, or null before the first state with our entity. */
  get position(): Point | null {
    return this.predicted;
  }

  /** Records the input sent as `seq` and moves the prediction one step. */
  record(seq: number, input: ArenaInput): void {
    this.lastSeq = seq;
    this.pending.push({ seq, input });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    if (this.predicted && this.movable) this.predicted = move(this.predicted, input);
  }

  /**
   * Applies an authoritative state: `position` is our entity in it (null if absent), `lastInputSeq` the newest input
   * the server applied, `movable` whether the server moves players now (arena: phase PLAYING).
   */
  reconcile(position: Point | null, lastInputSeq: number, movable: boolean): Point | null {
    this.movable = movable;
    this.pending = this.pending.filter((p) => p.seq > lastInputSeq);
    this.authoritative = position;
    if (!position) {
      this.predicted = null;
      return null;
    }
    let p: Point = { x: position.x, y: position.y };
    if (movable) for (const { input } of this.pending) p = move(p, input);
    this.predicted = p;
    return p;
  }

  /** The last position the server confirmed. */
  get confirmed(): Point | null {
    return this.authoritative;
  }

  /** Forgets pending inputs (a fresh, non-resumed seat). */
  clearPending(): void {
    this.pending = [];
    this.predicted = this.authoritative;
  }
}

/** The arena's prediction as the SDK drives it: our own entity, moved only while the match is playing. */
export class ArenaPrediction implements Prediction<ArenaInput, ArenaView> {
  readonly predictor = new Predictor();
  private entityId: number | null = null;

  get position(): Point | null {
    return this.predictor.position;
  }

  seated(you: YourSeat): void {
    this.entityId = you.entityId;
    if (!you.resumed) this.predictor.clearPending();
  }

  inputSent(seq: number, input: ArenaInput): void {
    this.predictor.record(seq, input);
  }

  reconcile(world: ArenaView, lastInputSeq: number | null): void {
    const own = world.players.find((p) => p.entityId === this.entityId) ?? null;
    this.predictor.reconcile(own, lastInputSeq ?? this.predictor.acknowledgedSeq, world.phase === Phase.PLAYING);
  }
}
