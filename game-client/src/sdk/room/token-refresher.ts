/**
 * Renews the access token of an open connection in-band (TOKEN_REFRESH, docs/protocol.md section 5) a minute before
 * it expires. The server answers TOKEN_ACCEPTED, which schedules the next renewal.
 */
import type { AuthSession } from '../auth';
import type { ClientMessage } from '../protocol/codec';

/** Renew the access token this long before it expires (also before a reconnect, docs/protocol.md section 13). */
export const TOKEN_MARGIN_MS = 60_000;
/** Never sooner than this: a token that is already close to expiry is not renewed in a tight loop. */
const MIN_DELAY_MS = 5000;
const RETRY_MS = 10_000;
/** setTimeout's largest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class TokenRefresher {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly auth: AuthSession,
    private readonly send: (msg: ClientMessage) => void,
  ) {}

  schedule(): void {
    this.stop();
    const delay = Math.max(MIN_DELAY_MS, this.auth.expiresAt - Date.now() - TOKEN_MARGIN_MS);
    this.timer = setTimeout(() => this.renew(), Math.min(delay, MAX_DELAY_MS));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async renew(): Promise<void> {
    try {
      await this.auth.refresh();
      this.send({ type: 'TOKEN_REFRESH', token: this.auth.accessToken });
    } catch {
      // Try again shortly; a lost refresh is only fatal once the token has really expired (1008 then).
      this.timer = setTimeout(() => this.renew(), RETRY_MS);
    }
  }
}
