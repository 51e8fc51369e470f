/** The delay between reconnect attempts (docs/protocol.md section 13). */

/** Exponential back-off with jitter: base, 2x base, ... up to max, each delay drawn in [d/2, d]. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 250,
    private readonly maxMs = 5000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const d = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(d / 2 + (d / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
