/**
 * Client-side prediction of the local player. Every INPUT sent is kept until a STATE's lastInputSeq says the server
 * applied it; the predicted position is the last authoritative position with the unacknowledged inputs replayed,
 * because the server applies each input as one movement step in seq order.
 */
import { ArenaInput, move, Point } from './world';

interface PendingInput {
  seq: number;
  input: ArenaInput;
}

/** Enough for several seconds at 30 Hz; older inputs are dropped rather than grow without bound. */
const MAX_PENDING = 256;

export class Predictor {
  private pending: PendingInput[] = [];
  private seq = 0;
  private authoritative: Point | null = null;
  private predicted: Point | null = null;
  private movable = false;

  /** Sequence number of the newest input recorded (0 if none). */
  get lastSeq(): number {
    return this.seq;
  }

  /** The newest seq known to be applied: every input after it is still pending. */
  get acknowledgedSeq(): number {
    return this.pending.length ? this.pending[0].seq - 1 : this.seq;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The predicted position, or null before the first state with our entity. */
  get position(): Point | null {
    return this.predicted;
  }

  /** Records an input about to be sent; returns its seq and moves the prediction one step. */
  record(input: ArenaInput): number {
    this.seq = (this.seq + 1) >>> 0;
    this.pending.push({ seq: this.seq, input });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    if (this.predicted && this.movable) this.predicted = move(this.predicted, input);
    return this.seq;
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

  /** Forgets pending inputs (a fresh, non-resumed seat); seq keeps increasing so the server never sees it go back. */
  clearPending(): void {
    this.pending = [];
    this.predicted = this.authoritative;
  }
}
