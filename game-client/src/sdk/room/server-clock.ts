/**
 * Estimates server time from the serverTimeMs of received frames. A frame's server time minus the local receive time
 * is the clock offset less the one-way delay, so the largest recent value is the best estimate; it decays slowly so a
 * drifting clock or a route that got slower is followed too.
 */
export class ServerClock {
  private offset: number | null = null;
  private lastLocal = 0;

  observe(serverTimeMs: number, localMs: number): void {
    const sample = serverTimeMs - localMs;
    if (this.offset === null || sample > this.offset) {
      this.offset = sample;
    } else {
      const decay = Math.max(0, localMs - this.lastLocal) * 0.01;
      this.offset = Math.max(sample, this.offset - decay);
    }
    this.lastLocal = localMs;
  }

  now(localMs: number): number {
    return localMs + (this.offset ?? 0);
  }

  reset(): void {
    this.offset = null;
  }
}
