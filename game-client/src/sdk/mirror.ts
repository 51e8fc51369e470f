/**
 * The state mirror (docs/protocol.md section 8): the client's copy of the room state. Keeps the states applied in the
 * last N ticks as delta baselines, verifies each result against its checksum, tracks what to acknowledge, and asks for
 * a full snapshot (RESYNC_REQUEST) when a baseline is missing or a checksum does not match.
 */
import {
  applyDelta,
  checksum,
  ClientMessage,
  decodeSnapshot,
  MalformedFrameError,
  WorldState,
} from './protocol/codec';

/** What the mirror needs from a WELCOME or STATE frame. */
export interface StateFrame {
  tick: number;
  baselineTick: number;
  checksum: number;
  body: Uint8Array;
}

export type MirrorOutcome =
  | { kind: 'applied'; tick: number; state: WorldState }
  | { kind: 'stale' }
  | { kind: 'resync'; reason: 'missing-baseline' | 'checksum-mismatch' | 'malformed-body' };

export class StateMirror {
  private ring: ({ tick: number; state: WorldState } | undefined)[] = [];
  private newestTick = 0;
  private ackedTick = 0;
  /** Tick of the newest state when the pending RESYNC_REQUEST was sent; 0 when none is pending. */
  private resyncSentAt = 0;
  private resyncs = 0;

  constructor(
    private readonly send: (msg: ClientMessage) => void,
    private historyTicks = 64,
  ) {
    this.reset(historyTicks);
  }

  /** Starts over, e.g. for a new connection; its WELCOME carries the history size. */
  reset(historyTicks: number): void {
    this.historyTicks = Math.max(1, historyTicks);
    this.ring = new Array(this.historyTicks);
    this.newestTick = 0;
    this.ackedTick = 0;
    this.resyncSentAt = 0;
  }

  /** Newest applied tick: what INPUT's ackTick and ACK carry. */
  get latestTick(): number {
    return this.newestTick;
  }

  get latest(): WorldState | undefined {
    return this.stateAt(this.newestTick);
  }

  /** Whether a state was applied since the last acknowledgement. */
  get ackDue(): boolean {
    return this.newestTick > this.ackedTick;
  }

  /** How many RESYNC_REQUESTs were sent since this object was made. */
  get resyncCount(): number {
    return this.resyncs;
  }

  /** Call when an INPUT or ACK carrying `tick` was sent. */
  acknowledged(tick: number): void {
    if (tick > this.ackedTick) this.ackedTick = tick;
  }

  stateAt(tick: number): WorldState | undefined {
    if (tick === 0) return undefined;
    const slot = this.ring[tick % this.historyTicks];
    return slot && slot.tick === tick ? slot.state : undefined;
  }

  receive(frame: StateFrame): MirrorOutcome {
    if (frame.tick <= this.newestTick) return { kind: 'stale' };
    let result: WorldState;
    try {
      if (frame.baselineTick === 0) {
        result = decodeSnapshot(frame.body);
      } else {
        const baseline = this.stateAt(frame.baselineTick);
        if (!baseline) return this.requestResync(frame.tick, 'missing-baseline');
        result = applyDelta(baseline, frame.body);
      }
    } catch (e) {
      if (e instanceof MalformedFrameError) return this.requestResync(frame.tick, 'malformed-body');
      throw e;
    }
    if (checksum(result) !== frame.checksum) return this.requestResync(frame.tick, 'checksum-mismatch');
    if (frame.baselineTick === 0) this.resyncSentAt = 0;
    this.ring[frame.tick % this.historyTicks] = { tick: frame.tick, state: result };
    this.newestTick = frame.tick;
    return { kind: 'applied', tick: frame.tick, state: result };
  }

  /**
   * Sends one RESYNC_REQUEST; more frames built before the server saw it fail the same way, so it is not repeated
   * until a full snapshot arrives or a whole history window has passed without one.
   */
  private requestResync(tick: number, reason: 'missing-baseline' | 'checksum-mismatch' | 'malformed-body'): MirrorOutcome {
    if (this.resyncSentAt === 0 || tick >= this.resyncSentAt + this.historyTicks) {
      this.resyncSentAt = tick;
      this.resyncs++;
      this.send({ type: 'RESYNC_REQUEST' });
    }
    return { kind: 'resync', reason };
  }
}
