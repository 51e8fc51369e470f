/**
 * The room's WebSocket and the reconnect procedure of docs/protocol.md section 13. After a drop it retries the same
 * room with back-off within the grace window the server holds the seat for, refreshing the access token first when
 * it is close to expiry (at once after 1008 "token expired"), and in a cluster asking first where the room runs now.
 * A close that ends the game (close-codes.ts) ends the connection, with words for the user.
 */
import type { AuthSession } from '../auth';
import { ApiError } from '../http';
import { lobby } from '../lobby';
import type { ClientMessage, ServerMessage } from '../protocol/codec';
import { Backoff } from './backoff';
import { closeAction } from './close-codes';
import { RoomSocket, socketUrl } from './socket';
import { TOKEN_MARGIN_MS } from './token-refresher';

const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 5000;
/** Attempts to join before giving up when the room never answered with WELCOME (full, unknown or closed). */
const JOIN_ATTEMPTS = 3;

export interface ConnectionOptions {
  roomId: string;
  auth: AuthSession;
  /** The server's wsUrl for the room (the node that runs it); without it, the page's own host. */
  wsUrl?: string;
  graceMs: number;
  /** Words for the user about a close that ends the game ('' for none). */
  stopMessage(code: number, reason: string): string;
}

export interface ConnectionEvents {
  /** A socket opened; WELCOME comes next. */
  opened(): void;
  message(msg: ServerMessage): void;
  /** The socket closed, for whatever reason; a retry may follow. */
  closed(): void;
  /** Reconnecting started or went on after a failed attempt. */
  reconnecting(): void;
  /** The connection is over for good; `message` says why. */
  ended(message: string): void;
}

export class RoomConnection {
  private socket: RoomSocket | null = null;
  private wsUrl: string | undefined;
  private readonly backoff = new Backoff(BACKOFF_BASE_MS, BACKOFF_MAX_MS);
  private dropStart: number | null = null;
  private admittedOnce = false;
  private failedJoins = 0;
  private done = false;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly options: ConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {
    this.wsUrl = options.wsUrl;
  }

  start(): void {
    this.connect();
  }

  get isOpen(): boolean {
    return !!this.socket?.isOpen;
  }

  get reconnecting(): boolean {
    return this.dropStart !== null && !this.done;
  }

  send(msg: ClientMessage): void {
    this.socket?.send(msg);
  }

  /** WELCOME arrived: the seat is ours; the next drop starts a new back-off and grace window. */
  admitted(): void {
    this.admittedOnce = true;
    this.dropStart = null;
    this.backoff.reset();
  }

  close(code: number, reason: string): void {
    this.socket?.close(code, reason);
  }

  /** Ends the connection for good; no retry follows. */
  end(message: string): void {
    if (this.done) return;
    this.stop();
    this.events.ended(message);
  }

  /** Gives the seat up: LEAVE, then the server closes with 1000. */
  leave(): void {
    this.socket?.send({ type: 'LEAVE' });
    this.stop();
    this.socket?.close(1000, 'left');
  }

  private stop(): void {
    this.done = true;
    this.dropStart = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private connect(): void {
    if (this.done) return;
    this.socket = new RoomSocket(socketUrl(this.options.roomId, this.wsUrl), this.options.auth.accessToken, {
      open: () => this.events.opened(),
      message: (m) => this.events.message(m),
      close: (code, reason) => this.onClose(code, reason),
    });
  }

  private onClose(code: number, reason: string): void {
    this.socket = null;
    this.events.closed();
    if (this.done) return;
    const action = closeAction(code, reason);
    if (action === 'stop') {
      this.end(this.options.stopMessage(code, reason));
      return;
    }
    // A browser cannot see why an upgrade failed (401, 404, 409 all look like 1006), so a room that never let us in
    // gets a few tries, not the whole grace window.
    if (!this.admittedOnce && ++this.failedJoins >= JOIN_ATTEMPTS) {
      this.end('Could not join this room: it may be full, closed or unreachable.');
      return;
    }
    if (this.dropStart === null) this.dropStart = Date.now();
    this.events.reconnecting();
    this.retry(action === 'refresh-then-reconnect');
  }

  /** Tries again after a back-off delay, within the grace window the server holds the seat for. */
  private retry(forceRefresh: boolean): void {
    const delay = this.backoff.next();
    if (Date.now() + delay - (this.dropStart ?? Date.now()) > this.options.graceMs) {
      this.end('The connection was lost for too long; your seat was given up.');
      return;
    }
    this.later(delay, async () => {
      const auth = this.options.auth;
      try {
        if (forceRefresh) await auth.refresh();
        else await auth.ensureFresh(TOKEN_MARGIN_MS);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          this.end('Your session has expired. Please sign in again.');
          return;
        }
        this.retry(forceRefresh);
        return;
      }
      if (this.wsUrl) await this.locateRoom();
      this.connect();
    });
  }

  /** In a cluster a room whose node stopped may be resumed on another: ask any node where it is now. */
  private async locateRoom(): Promise<void> {
    try {
      const where = await lobby.room(this.options.roomId);
      if (where.wsUrl) this.wsUrl = where.wsUrl;
    } catch {
      // Keep the URL we had: the connection attempt tells us the rest.
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers = this.timers.filter((x) => x !== t);
      fn();
    }, ms);
    this.timers.push(t);
  }
}
