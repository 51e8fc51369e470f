/**
 * Is the server still there, and how far away (docs/protocol.md section 13): the app-level PING every 2 s, whose PONG
 * gives the round trip, and the silence rule. Browsers cannot see the server's WebSocket pings, so an open socket
 * that brought no frame at all for the server's heartbeat timeout counts as dropped.
 */
import type { ClientMessage } from '../protocol/codec';

export const PING_INTERVAL_MS = 2000;
/** Unanswered pings of a dead connection are forgotten after this long, so they never pile up. */
const PING_EXPIRY_MS = 10_000;

export class Heartbeat {
  private readonly pings = new Map<number, number>();
  private lastHeard = 0;
  private rtt: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly send: (msg: ClientMessage) => void,
    private readonly silenceMs: number,
  ) {}

  /** The socket opened: silence is counted from now, and pinging starts. */
  start(): void {
    this.heard();
    this.stop();
    this.ping();
    this.timer = setInterval(() => this.ping(), PING_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Any frame from the server. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  get silent(): boolean {
    return performance.now() - this.lastHeard > this.silenceMs;
  }

  pong(nonce: number): void {
    const sent = this.pings.get(nonce);
    if (sent === undefined) return;
    this.rtt = Math.round(performance.now() - sent);
    this.pings.delete(nonce);
  }

  /** The round trip of the last answered PING, in ms. */
  get rttMs(): number | null {
    return this.rtt;
  }

  private ping(): void {
    const now = performance.now();
    const nonce = Math.floor(now) >>> 0;
    this.pings.set(nonce, now);
    for (const [n, sent] of this.pings) if (now - sent > PING_EXPIRY_MS) this.pings.delete(n);
    this.send({ type: 'PING', nonce });
  }
}
