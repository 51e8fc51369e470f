/**
 * A stand-in for the browser's WebSocket and fetch, so room-client tests play the server: they see every frame the
 * client sends, deliver server frames, and close the socket with any code. Installed with fake timers and a fixed
 * clock, and a /api/auth/refresh that hands out access-2, access-3, ...; other paths answer what a test gives.
 */
import { vi } from 'vitest';
import { AuthSession } from '../../src/sdk/auth';
import { checksum, ClientMessage, decode, encode, encodeDelta, encodeSnapshot, ServerMessage, WorldState } from '../../src/sdk/protocol/codec';

export class FakeWebSocket {
  static readonly OPEN = 1;
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: ClientMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeWebSocket.instances.push(this);
  }

  static last(): FakeWebSocket {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  }

  send(frame: Uint8Array): void {
    this.sent.push(decode(frame) as ClientMessage);
  }

  close(code = 1005, reason = ''): void {
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }

  // The server side:
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  deliver(msg: ServerMessage): void {
    const bytes = encode(msg);
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  types(): string[] {
    return this.sent.map((m) => m.type);
  }

  sentOf<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  }
}

export const PLAYER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

export function welcome(tick: number, state: WorldState, resumed = false, entityId = 1): ServerMessage {
  return {
    type: 'WELCOME',
    version: 2,
    seat: 0,
    entityId,
    tickRate: 30,
    capacity: 4,
    historyTicks: 64,
    resumed,
    tick,
    serverTimeMs: Date.now(),
    checksum: checksum(state),
    reconnectGraceMs: 20_000,
    silenceTimeoutMs: 6_000,
    gameId: 'arena',
    settings: new Uint8Array([0x06, 0x40, 0x03, 0xe8, 0x00, 0x0c, 0x00, 0x20]),
    snapshot: encodeSnapshot(state),
  };
}

export function stateMsg(tick: number, state: WorldState, lastInputSeq = 0, baseline?: { tick: number; state: WorldState }): ServerMessage {
  return {
    type: 'STATE',
    tick,
    serverTimeMs: Date.now(),
    baselineTick: baseline?.tick ?? 0,
    lastInputSeq,
    rttMs: 42,
    checksum: checksum(state),
    body: baseline ? encodeDelta(baseline.state, state) : encodeSnapshot(state),
  };
}

export const roster: ServerMessage = {
  type: 'ROSTER',
  seats: [
    { seat: 0, playerId: PLAYER_ID, name: 'Ada', liveness: 0 },
    { seat: 1, playerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Zoë', liveness: 0 },
  ],
};

export interface FakeServer {
  fetchCalls: { url: string; body: unknown }[];
  refreshes: () => number;
}

function respond(status: number, body: unknown) {
  return { ok: status < 300, status, statusText: '', text: async () => JSON.stringify(body) };
}

/** Fake timers, a fixed clock, the fake WebSocket and fetch (answering `answers` by path, 200); undo with `uninstall`. */
export function installFakeServer(answers: Record<string, unknown> = {}): FakeServer {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  vi.setSystemTime(1_735_689_600_000);
  FakeWebSocket.instances = [];
  const server = { fetchCalls: [] as { url: string; body: unknown }[], count: 0 };
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('location', { protocol: 'http:', host: 'localhost:8080' });
  vi.stubGlobal('fetch', async (url: string, init: { body?: string }) => {
    server.fetchCalls.push({ url, body: init.body ? JSON.parse(init.body) : undefined });
    if (url === '/api/auth/refresh') {
      server.count++;
      const n = server.count + 1;
      return respond(200, { playerId: PLAYER_ID, name: 'Ada', accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900 });
    }
    if (url in answers) return respond(200, answers[url]);
    return respond(404, { error: 'not-found', message: 'no' });
  });
  return { fetchCalls: server.fetchCalls, refreshes: () => server.count };
}

export function uninstallFakeServer(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
}

/** Ada, signed in with access-1, valid for `expiresIn` seconds. */
export function signedIn(expiresIn = 900): AuthSession {
  return new AuthSession({ playerId: PLAYER_ID, name: 'Ada', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn });
}

/** The server lets the player in: socket open, WELCOME with the state, then ROSTER. */
export function admit(ws: FakeWebSocket, state: WorldState, resumed = false, tick = 100): void {
  ws.accept();
  ws.deliver(welcome(tick, state, resumed));
  ws.deliver(roster);
}
