/**
 * One player's game in one room: the socket, the netcode loop (INPUT/ACK at the tick rate, PING every 2 s, in-band
 * token refresh), state sync, prediction and interpolation, and reconnecting to the held seat after a drop.
 * The screens read it; they never touch the socket.
 */
import type { ChatRelay, MatchEnd, RosterSeat, ServerMessage, Welcome } from '../sdk/protocol/codec';
import { PROTOCOL_VERSION } from '../sdk/protocol/codec';
import { api, ApiError, AuthSession } from '../sdk/api';
import { Backoff, closeAction, closeMessage, SIMULATED_DROP } from '../sdk/room/close-codes';
import { RoomSocket, socketUrl } from '../sdk/room/socket';
import { ArenaInput, ArenaView, encodeInput, entityOfSeat, IDLE_INPUT, isIdle, Phase, Point, readArena } from './world';
import { Interpolator, ServerClock } from './interpolation';
import { Predictor } from './prediction';
import { StateSync } from '../sdk/mirror';

export const PING_INTERVAL_MS = 2000;
/** How long the server holds a dropped player's seat (quarkade.reconnect.grace). */
export const GRACE_MS = 20_000;
/** Nothing from the server for this long on an open socket counts as a drop. */
const SILENCE_MS = 6000;
/** Attempts to join before giving up when the room never answered with WELCOME (full, unknown or closed). */
const JOIN_ATTEMPTS = 3;
/** Renew the access token this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

export interface PlayerSnapshot {
  entityId: number;
  x: number;
  y: number;
  score: number;
  name: string;
}

/** The read-only picture end-to-end tests get from window.quarkade.state(). */
export interface SessionState {
  connected: boolean;
  roomId: string;
  playerId: string;
  seat: number | null;
  entityId: number | null;
  tick: number;
  players: PlayerSnapshot[];
  reconnecting: boolean;
  rttMs: number | null;
}

export interface RenderPlayer extends Point {
  entityId: number;
  seat: number;
  name: string;
  score: number;
  self: boolean;
  liveness: number;
}

export interface RenderFrame {
  view: ArenaView;
  players: RenderPlayer[];
}

export interface SessionListener {
  /** Something the HUD shows changed (connection, roster, chat). */
  changed(): void;
  matchEnded(end: MatchEnd): void;
  /** The session is over and will not reconnect; `message` says why. */
  ended(message: string): void;
}

export class GameSession {
  private socket: RoomSocket | null = null;
  private welcome: Welcome | null = null;
  private sync = new StateSync((m) => this.socket?.send(m));
  readonly predictor = new Predictor();
  private readonly interpolator = new Interpolator();
  private readonly clock = new ServerClock();
  private readonly backoff = new Backoff(250, 5000);
  private view: ArenaView | null = null;
  private roster: RosterSeat[] = [];
  private pings = new Map<number, number>();
  private appRtt: number | null = null;
  private serverRtt: number | null = null;
  private lastInput: ArenaInput = IDLE_INPUT;
  private lastHeard = 0;
  private dropStart: number | null = null;
  private done = false;
  private matchEnd: MatchEnd | null = null;
  private welcomed = false;
  private failedJoins = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private tokenTimer: ReturnType<typeof setTimeout> | null = null;
  readonly chat: { name: string; text: string }[] = [];

  constructor(
    readonly roomId: string,
    private readonly auth: AuthSession,
    private readonly readInput: () => ArenaInput,
    private readonly listener: SessionListener,
    /** The server's wsUrl for the room (the node that runs it); without it, the page's own host. */
    private wsUrl?: string,
  ) {}

  start(): void {
    this.connect();
  }

  get connected(): boolean {
    return this.welcome !== null && !!this.socket?.isOpen;
  }

  get reconnecting(): boolean {
    return this.dropStart !== null && !this.done;
  }

  get seat(): number | null {
    return this.welcome?.seat ?? null;
  }

  get entityId(): number | null {
    return this.welcome?.entityId ?? null;
  }

  get tickRate(): number {
    return this.welcome?.tickRate ?? 30;
  }

  get tick(): number {
    return this.sync.latestTick;
  }

  get rttMs(): number | null {
    return this.appRtt ?? this.serverRtt;
  }

  get serverRttMs(): number | null {
    return this.serverRtt;
  }

  get players(): RosterSeat[] {
    return this.roster;
  }

  get arena(): ArenaView | null {
    return this.view;
  }

  nameOfSeat(seat: number): string {
    return this.roster.find((s) => s.seat === seat)?.name ?? `Player ${seat + 1}`;
  }

  state(): SessionState {
    const players = (this.view?.players ?? []).map((p) => ({
      entityId: p.entityId,
      x: p.x,
      y: p.y,
      score: p.score,
      name: this.nameOfEntity(p.entityId),
    }));
    return {
      connected: this.connected,
      roomId: this.roomId,
      playerId: this.auth.playerId,
      seat: this.seat,
      entityId: this.entityId,
      tick: this.tick,
      players,
      reconnecting: this.reconnecting,
      rttMs: this.rttMs,
    };
  }

  /** What to draw now: our player where prediction puts it, the others ~100 ms in the past. */
  frame(nowMs = performance.now()): RenderFrame | null {
    if (!this.view) return null;
    const others = this.interpolator.sample(this.clock.now(nowMs));
    const players = this.view.players.map((p) => {
      const self = p.entityId === this.entityId;
      const at = (self ? this.predictor.position : others.get(p.entityId)) ?? p;
      const seat = p.entityId - 1;
      const rosterSeat = this.roster.find((s) => entityOfSeat(s.seat) === p.entityId);
      return {
        entityId: p.entityId,
        seat,
        x: at.x,
        y: at.y,
        score: p.score,
        name: rosterSeat?.name ?? `Player ${seat + 1}`,
        self,
        liveness: rosterSeat?.liveness ?? 0,
      };
    });
    return { view: this.view, players };
  }

  sendChat(text: string): void {
    const trimmed = text.trim();
    if (trimmed) this.socket?.send({ type: 'CHAT', text: trimmed.slice(0, 120) });
  }

  /** Gives the seat up: LEAVE, then the server closes with 1000. */
  leave(): void {
    this.socket?.send({ type: 'LEAVE' });
    this.stop();
    this.socket?.close(1000, 'left');
  }

  /** For tests: lose the connection as a network failure would, keeping the seat to resume. */
  dropConnection(): void {
    this.socket?.close(SIMULATED_DROP, 'simulated network drop');
  }

  private nameOfEntity(entityId: number): string {
    return this.roster.find((s) => entityOfSeat(s.seat) === entityId)?.name ?? '';
  }

  private connect(): void {
    if (this.done) return;
    this.socket = new RoomSocket(socketUrl(this.roomId, this.wsUrl), this.auth.accessToken, {
      open: () => {
        this.lastHeard = performance.now();
        this.startPinging();
      },
      message: (m) => this.onMessage(m),
      close: (code, reason) => this.onClose(code, reason),
    });
  }

  private onMessage(m: ServerMessage): void {
    this.lastHeard = performance.now();
    switch (m.type) {
      case 'WELCOME':
        return this.onWelcome(m);
      case 'STATE':
        this.serverRtt = m.rttMs;
        this.clock.observe(m.serverTimeMs, performance.now());
        return this.onState(m.tick, m.baselineTick, m.checksum, m.body, m.lastInputSeq, m.serverTimeMs);
      case 'PONG': {
        const sent = this.pings.get(m.nonce);
        if (sent !== undefined) {
          this.appRtt = Math.round(performance.now() - sent);
          this.pings.delete(m.nonce);
        }
        return;
      }
      case 'ROSTER':
        this.roster = m.seats;
        return this.listener.changed();
      case 'CHAT_RELAY':
        return this.onChat(m);
      case 'MATCH_END':
        this.matchEnd = m;
        return this.listener.matchEnded(m);
      case 'TOKEN_ACCEPTED':
        return this.scheduleTokenRefresh();
    }
  }

  private onWelcome(w: Welcome): void {
    if (w.version !== PROTOCOL_VERSION) {
      this.finish(`This client speaks protocol ${PROTOCOL_VERSION}, the server ${w.version}: please reload the page.`);
      this.socket?.close(1000, 'protocol version');
      return;
    }
    this.welcome = w;
    this.welcomed = true;
    this.dropStart = null;
    this.backoff.reset();
    this.sync.reset(w.historyTicks);
    this.clock.reset();
    this.interpolator.clear();
    if (!w.resumed) this.predictor.clearPending();
    this.clock.observe(w.serverTimeMs, performance.now());
    // WELCOME has no lastInputSeq: keep every pending input; the next STATE says which ones the server applied.
    this.onState(w.tick, 0, w.checksum, w.snapshot, this.predictor.acknowledgedSeq, w.serverTimeMs);
    this.startTicking(w.tickRate);
    this.scheduleTokenRefresh();
    this.listener.changed();
  }

  private onState(tick: number, baselineTick: number, checksum: number, body: Uint8Array, lastInputSeq: number, serverTimeMs: number): void {
    const outcome = this.sync.receive({ tick, baselineTick, checksum, body });
    if (outcome.kind !== 'applied') return;
    const view = readArena(outcome.state);
    this.view = view;
    const own = view.players.find((p) => p.entityId === this.entityId) ?? null;
    this.predictor.reconcile(own, lastInputSeq, view.phase === Phase.PLAYING);
    this.interpolator.push(serverTimeMs, new Map(view.players.map((p) => [p.entityId, { x: p.x, y: p.y }])));
  }

  private onChat(m: ChatRelay): void {
    this.chat.push({ name: this.nameOfSeat(m.seat), text: m.text });
    if (this.chat.length > 30) this.chat.shift();
    this.listener.changed();
  }

  /** One INPUT per tick while keys are held (and one idle INPUT when they are let go), else an ACK if one is due. */
  private startTicking(tickRate: number): void {
    this.stopTicking();
    this.tickTimer = setInterval(() => this.tickOnce(), 1000 / Math.max(1, tickRate));
  }

  private tickOnce(): void {
    const socket = this.socket;
    if (!socket?.isOpen || !this.welcome) return;
    if (performance.now() - this.lastHeard > SILENCE_MS) {
      socket.close(SIMULATED_DROP, 'server silent');
      return;
    }
    const input = this.readInput();
    const ackTick = this.sync.latestTick;
    if (!isIdle(input) || !isIdle(this.lastInput)) {
      const seq = this.predictor.record(input);
      socket.send({ type: 'INPUT', seq, ackTick, payload: encodeInput(input) });
      this.sync.acknowledged(ackTick);
    } else if (this.sync.ackDue) {
      socket.send({ type: 'ACK', tick: ackTick });
      this.sync.acknowledged(ackTick);
    }
    this.lastInput = input;
  }

  private startPinging(): void {
    this.stopPinging();
    const ping = () => {
      const now = performance.now();
      const nonce = Math.floor(now) >>> 0;
      this.pings.set(nonce, now);
      // Unanswered pings of a dead connection must not pile up.
      for (const [n, sent] of this.pings) if (now - sent > 10_000) this.pings.delete(n);
      this.socket?.send({ type: 'PING', nonce });
    };
    ping();
    this.pingTimer = setInterval(ping, PING_INTERVAL_MS);
  }

  private scheduleTokenRefresh(): void {
    if (this.tokenTimer) clearTimeout(this.tokenTimer);
    const delay = Math.max(5000, this.auth.expiresAt - Date.now() - TOKEN_MARGIN_MS);
    this.tokenTimer = setTimeout(() => this.renewToken(), Math.min(delay, 2 ** 31 - 1));
  }

  private async renewToken(): Promise<void> {
    try {
      await this.auth.refresh();
      this.socket?.send({ type: 'TOKEN_REFRESH', token: this.auth.accessToken });
    } catch {
      // Try again shortly; a lost refresh is only fatal once the token has really expired (1008 then).
      this.tokenTimer = setTimeout(() => this.renewToken(), 10_000);
    }
  }

  private onClose(code: number, reason: string): void {
    this.socket = null;
    this.welcome = null;
    this.stopTicking();
    this.stopPinging();
    if (this.done) return;
    const action = closeAction(code, reason);
    if (action === 'stop') {
      this.finish(this.matchEnd ? '' : closeMessage(code, reason));
      return;
    }
    // A browser cannot see why an upgrade failed (401, 404, 409 all look like 1006), so a room that never let us in
    // gets a few tries, not the whole grace window.
    if (!this.welcomed && ++this.failedJoins >= JOIN_ATTEMPTS) {
      this.finish('Could not join this room: it may be full, closed or unreachable.');
      return;
    }
    if (this.dropStart === null) this.dropStart = Date.now();
    this.listener.changed();
    this.retry(action === 'refresh-then-reconnect');
  }

  /** Tries again after a back-off delay, within the grace window the server holds the seat for. */
  private retry(forceRefresh: boolean): void {
    const delay = this.backoff.next();
    if (Date.now() + delay - (this.dropStart ?? Date.now()) > GRACE_MS) {
      this.finish('The connection was lost for too long; your seat was given up.');
      return;
    }
    this.later(delay, async () => {
      try {
        if (forceRefresh) await this.auth.refresh();
        else await this.auth.ensureFresh(TOKEN_MARGIN_MS);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          this.finish('Your session has expired. Please sign in again.');
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
      const where = await api.room(this.roomId);
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

  private finish(message: string): void {
    if (this.done) return;
    this.stop();
    this.listener.ended(message);
  }

  private stop(): void {
    this.done = true;
    this.dropStart = null;
    this.stopTicking();
    this.stopPinging();
    if (this.tokenTimer) clearTimeout(this.tokenTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private stopTicking(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
  }

  private stopPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
