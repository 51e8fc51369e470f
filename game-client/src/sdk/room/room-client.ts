/**
 * One player in one room of any game: the SDK's room side. It joins with the player's token, keeps the seat through
 * drops (connection.ts), mirrors the room state (mirror.ts), sends INPUT or ACK every tick (input-loop.ts), pings
 * (heartbeat.ts), renews the token in-band (token-refresher.ts), and tells the game what happens through typed
 * events. Each server message is dispatched here, once.
 */
import { ChatResult, utf8Length } from '../chat';
import { Emitter, Unsubscribe } from '../events';
import { StateMirror } from '../mirror';
import type { ClientMessage, MatchEnd, RosterSeat, ServerMessage, Welcome } from '../protocol/codec';
import { MAX_CHAT_BYTES, PROTOCOL_VERSION } from '../protocol/codec';
import { SERVER_SETTINGS } from '../settings';
import { closeMessage, SIMULATED_DROP } from './close-codes';
import { RoomConnection } from './connection';
import { Heartbeat } from './heartbeat';
import { InputLoop } from './input-loop';
import type { RoomClientOptions, RoomEvents, RoomStatus } from './room-events';
import { ServerClock } from './server-clock';
import { TokenRefresher } from './token-refresher';

export class RoomClient<Input, World> {
  private readonly events = new Emitter<RoomEvents<World>>();
  private readonly connection: RoomConnection;
  private readonly mirror: StateMirror;
  private readonly heartbeat: Heartbeat;
  private readonly inputs: InputLoop<Input>;
  private readonly tokens: TokenRefresher;
  private readonly clock = new ServerClock();
  private welcome: Welcome | null = null;
  private lastTickRate: number | null = null;
  private seats: readonly RosterSeat[] = [];
  private current: World | null = null;
  private matchEnd: MatchEnd | null = null;
  private serverRtt: number | null = null;

  constructor(private readonly options: RoomClientOptions<Input, World>) {
    const settings = { ...SERVER_SETTINGS, ...options.settings };
    const send = (msg: ClientMessage) => this.connection.send(msg);
    const { game, prediction } = options;
    this.mirror = new StateMirror(send);
    this.heartbeat = new Heartbeat(send, settings.silenceMs);
    this.tokens = new TokenRefresher(options.auth, send);
    this.inputs = new InputLoop({
      send,
      ready: () => this.connected,
      silent: () => this.heartbeat.silent,
      dropSilent: () => this.connection.close(SIMULATED_DROP, 'server silent'),
      mirror: this.mirror,
      codec: game.input,
      readInput: options.readInput ?? (() => game.input.idle),
      inputSent: (seq, input) => prediction?.inputSent(seq, input),
    });
    this.connection = new RoomConnection(
      {
        roomId: options.roomId,
        auth: options.auth,
        wsUrl: options.wsUrl,
        graceMs: settings.reconnectGraceMs,
        stopMessage: (code, reason) => (this.matchEnd ? '' : closeMessage(code, reason)),
      },
      {
        opened: () => this.heartbeat.start(),
        message: (m) => this.onMessage(m),
        closed: () => this.onClosed(),
        reconnecting: () => this.events.emit('connection', this.status()),
        ended: (message) => this.onEnded(message),
      },
    );
  }

  on<K extends keyof RoomEvents<World>>(type: K, handler: (event: RoomEvents<World>[K]) => void): Unsubscribe {
    return this.events.on(type, handler);
  }

  start(): void {
    this.connection.start();
  }

  get roomId(): string {
    return this.options.roomId;
  }

  get connected(): boolean {
    return this.welcome !== null && this.connection.isOpen;
  }

  get reconnecting(): boolean {
    return this.connection.reconnecting;
  }

  /** Your seat and entity while connected; null between connections. */
  get seat(): number | null {
    return this.welcome?.seat ?? null;
  }

  get entityId(): number | null {
    return this.welcome?.entityId ?? null;
  }

  /** Ticks per second, from the last WELCOME (null before the first). */
  get tickRate(): number | null {
    return this.lastTickRate;
  }

  /** The newest applied tick. */
  get tick(): number {
    return this.mirror.latestTick;
  }

  /** The game's view of the newest applied state. */
  get world(): World | null {
    return this.current;
  }

  get roster(): readonly RosterSeat[] {
    return this.seats;
  }

  /** The round trip: the client's own PING when answered, else the server's measure from STATE. */
  get rttMs(): number | null {
    return this.heartbeat.rttMs ?? this.serverRtt;
  }

  get serverRttMs(): number | null {
    return this.serverRtt;
  }

  /** Server time (ms) now, estimated from the frames received: what interpolation draws against. */
  serverTime(localMs = performance.now()): number {
    return this.clock.now(localMs);
  }

  nameOfSeat(seat: number): string {
    return this.seats.find((s) => s.seat === seat)?.name ?? `Player ${seat + 1}`;
  }

  status(): RoomStatus {
    return {
      connected: this.connected,
      reconnecting: this.reconnecting,
      roomId: this.roomId,
      playerId: this.options.auth.playerId,
      seat: this.seat,
      entityId: this.entityId,
      tick: this.tick,
      rttMs: this.rttMs,
    };
  }

  /** Sends one chat line, trimmed. Never throws: a line the protocol would refuse is not sent, and the answer says why. */
  sendChat(text: string): ChatResult {
    const line = text.trim();
    if (!line) return 'empty';
    if (utf8Length(line) > MAX_CHAT_BYTES) return 'too-long';
    if (!this.connected) return 'offline';
    this.connection.send({ type: 'CHAT', text: line });
    return 'sent';
  }

  /** Gives the seat up: LEAVE, then the server closes with 1000. No `ended` event follows. */
  leave(): void {
    this.connection.leave();
    this.stopLoops();
  }

  /** For tests: lose the connection as a network failure would, keeping the seat to resume. */
  dropConnection(): void {
    this.connection.close(SIMULATED_DROP, 'simulated network drop');
  }

  private onMessage(m: ServerMessage): void {
    this.heartbeat.heard();
    switch (m.type) {
      case 'WELCOME':
        return this.onWelcome(m);
      case 'STATE':
        this.serverRtt = m.rttMs;
        this.clock.observe(m.serverTimeMs, performance.now());
        return this.apply(m.tick, m.baselineTick, m.checksum, m.body, m.lastInputSeq, m.serverTimeMs);
      case 'PONG':
        return this.heartbeat.pong(m.nonce);
      case 'ROSTER':
        this.seats = m.seats;
        return this.events.emit('roster', m.seats);
      case 'CHAT_RELAY':
        return this.events.emit('chat', { seat: m.seat, name: this.nameOfSeat(m.seat), text: m.text });
      case 'MATCH_END':
        this.matchEnd = m;
        return this.events.emit('matchEnd', m);
      case 'TOKEN_ACCEPTED':
        return this.tokens.schedule();
    }
  }

  private onWelcome(w: Welcome): void {
    if (w.version !== PROTOCOL_VERSION) {
      this.connection.end(`This client speaks protocol ${PROTOCOL_VERSION}, the server ${w.version}: please reload the page.`);
      this.connection.close(1000, 'protocol version');
      return;
    }
    this.welcome = w;
    this.lastTickRate = w.tickRate;
    this.connection.admitted();
    this.mirror.reset(w.historyTicks);
    this.clock.reset();
    const you = { seat: w.seat, entityId: w.entityId, resumed: w.resumed };
    this.options.prediction?.seated(you);
    this.events.emit('welcome', { ...you, tickRate: w.tickRate, capacity: w.capacity });
    this.clock.observe(w.serverTimeMs, performance.now());
    this.apply(w.tick, 0, w.checksum, w.snapshot, null, w.serverTimeMs);
    this.inputs.start(w.tickRate);
    this.tokens.schedule();
    this.events.emit('connection', this.status());
  }

  private apply(tick: number, baselineTick: number, checksum: number, body: Uint8Array, lastInputSeq: number | null, serverTimeMs: number): void {
    const outcome = this.mirror.receive({ tick, baselineTick, checksum, body });
    if (outcome.kind !== 'applied') return;
    const world = this.options.game.readWorld(outcome.state);
    this.current = world;
    this.options.prediction?.reconcile(world, lastInputSeq);
    this.events.emit('state', { tick, world, state: outcome.state, lastInputSeq, serverTimeMs });
  }

  private onClosed(): void {
    this.welcome = null;
    this.inputs.stop();
    this.heartbeat.stop();
  }

  private onEnded(message: string): void {
    this.stopLoops();
    this.events.emit('ended', { message });
  }

  private stopLoops(): void {
    this.inputs.stop();
    this.heartbeat.stop();
    this.tokens.stop();
  }
}
