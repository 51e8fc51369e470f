/**
 * Entity interpolation: other players are drawn about 100 ms in the past, between the two received snapshots that
 * surround that moment, so they move smoothly although states arrive in steps and with jitter.
 */
import type { Point } from './world';

export const DEFAULT_DELAY_MS = 100;
/** Snapshots older than this (behind the newest) are dropped. */
const KEEP_MS = 1000;

interface Snapshot {
  time: number;
  positions: Map<number, Point>;
}

export class Interpolator {
  private snapshots: Snapshot[] = [];

  constructor(readonly delayMs = DEFAULT_DELAY_MS) {}

  /** Adds the positions of a state computed at server time `time` (ms); out-of-order snapshots are ignored. */
  push(time: number, positions: Map<number, Point>): void {
    const last = this.snapshots[this.snapshots.length - 1];
    if (last && time <= last.time) return;
    this.snapshots.push({ time, positions });
    while (this.snapshots.length > 2 && this.snapshots[1].time < time - KEEP_MS) this.snapshots.shift();
  }

  clear(): void {
    this.snapshots = [];
  }

  /** Positions at server time `now - delayMs`; before the first or after the last snapshot they hold still. */
  sample(now: number): Map<number, Point> {
    const t = now - this.delayMs;
    const s = this.snapshots;
    if (s.length === 0) return new Map();
    if (t <= s[0].time) return new Map(s[0].positions);
    const newest = s[s.length - 1];
    if (t >= newest.time) return new Map(newest.positions);
    let i = 0;
    while (s[i + 1].time < t) i++;
    const a = s[i];
    const b = s[i + 1];
    const f = (t - a.time) / (b.time - a.time);
    const out = new Map<number, Point>();
    for (const [id, pb] of b.positions) {
      const pa = a.positions.get(id);
      out.set(id, pa ? { x: pa.x + (pb.x - pa.x) * f, y: pa.y + (pb.y - pa.y) * f } : pb);
    }
    return out;
  }
}
