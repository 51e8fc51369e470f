import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GameSession, SessionListener } from '../../src/arena/session';
import { AuthSession } from '../../src/sdk/api';
import {
  checksum,
  ClientMessage,
  decode,
  encode,
  encodeDelta,
  encodeSnapshot,
  ServerMessage,
  WorldState,
} from '../../src/sdk/protocol/codec';
import type { ArenaInput } from '../../src/arena/world';

/** A stand-in for the browser WebSocket: records what the client sends and lets the test play the server. */
class FakeWebSocket {
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
}

const PLAYER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function world(x: number, ticksLeft = 3000): WorldState {
  return {
    globals: [1, ticksLeft],
    entities: [
      { id: 1, kind: 1, fields: [x, 500, 3] },
      { id: 2, kind: 1, fields: [800, 200, 1] },
      { id: 1000, kind: 2, fields: [100, 100, 1] },
    ],
  };
}

function welcome(tick: number, state: WorldState, resumed = false): ServerMessage {
  return {
    type: 'WELCOME',
    version: 1,
    seat: 0,
    entityId: 1,
    tickRate: 30,
    capacity: 4,
    historyTicks: 64,
    resumed,
    tick,
    serverTimeMs: Date.now(),
    checksum: checksum(state),
    snapshot: encodeSnapshot(state),
  };
}

function stateMsg(tick: number, state: WorldState, lastInputSeq = 0, baseline?: { tick: number; state: WorldState }): ServerMessage {
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

const roster: ServerMessage = {
  type: 'ROSTER',
  seats: [
    { seat: 0, playerId: PLAYER_ID, name: 'Ada', liveness: 0 },
    { seat: 1, playerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Zoë', liveness: 0 },
  ],
};

let fetchCalls: { url: string; body: unknown }[];
let refreshes: number;

function respond(status: number, body: unknown) {
  return { ok: status < 300, status, statusText: '', text: async () => JSON.stringify(body) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  vi.setSystemTime(1_735_689_600_000);
  FakeWebSocket.instances = [];
  fetchCalls = [];
  refreshes = 0;
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('location', { protocol: 'http:', host: 'localhost:8080' });
  vi.stubGlobal('fetch', async (url: string, init: { body?: string }) => {
    fetchCalls.push({ url, body: init.body ? JSON.parse(init.body) : undefined });
    if (url === '/api/auth/refresh') {
      refreshes++;
      return respond(200, { playerId: PLAYER_ID, name: 'Ada', accessToken: `access-${refreshes + 1}`, refreshToken: `refresh-${refreshes + 1}`, expiresIn: 900 });
    }
    return respond(404, { error: 'not-found', message: 'no' });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup(input: ArenaInput = { moveX: 0, moveY: 0, buttons: 0 }, expiresIn = 900) {
  const auth = new AuthSession({ playerId: PLAYER_ID, name: 'Ada', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn });
  const events: string[] = [];
  const listener: SessionListener = {
    changed: () => {},
    matchEnded: () => events.push('match-end'),
    ended: (m) => events.push(`ended: ${m}`),
  };
  const current = { input };
  const session = new GameSession('room-7', auth, () => current.input, listener);
  session.start();
  return { session, events, current, auth, socket: () => FakeWebSocket.instances[FakeWebSocket.instances.length - 1] };
}

function join(ws: FakeWebSocket, resumed = false, tick = 100, x = 400) {
  ws.accept();
  ws.deliver(welcome(tick, world(x), resumed));
  ws.deliver(roster);
}

describe('GameSession', () => {
  it('connects to the room with the token in the subprotocols, not the URL', () => {
    const { socket } = setup();
    expect(socket().url).toBe('ws://localhost:8080/ws/rooms/room-7');
    expect(socket().protocols).toEqual(['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer%20access-1']);
  });

  it('exposes seat, players with names, tick and rtt after WELCOME, ROSTER and STATE', () => {
    const { session, socket } = setup();
    join(socket());
    socket().deliver(stateMsg(101, world(404)));
    expect(session.state()).toMatchObject({
      connected: true,
      roomId: 'room-7',
      playerId: PLAYER_ID,
      seat: 0,
      entityId: 1,
      tick: 101,
      reconnecting: false,
      rttMs: 42,
      players: [
        { entityId: 1, x: 404, y: 500, score: 3, name: 'Ada' },
        { entityId: 2, x: 800, y: 200, score: 1, name: 'Zoë' },
      ],
    });
    expect(socket().binaryType).toBe('arraybuffer');
  });

  it('sends INPUT at the tick rate with increasing seq and the newest tick as ack, and predicts', () => {
    const { session, socket } = setup({ moveX: 127, moveY: 0, buttons: 0 });
    join(socket());
    vi.advanceTimersByTime(1000 / 30 + 1);
    socket().deliver(stateMsg(101, world(400)));
    vi.advanceTimersByTime(1000 / 30);
    const inputs = socket().sent.filter((m) => m.type === 'INPUT');
    expect(inputs.map((m) => [m.seq, m.ackTick])).toEqual([
      [1, 100],
      [2, 101],
    ]);
    expect(Array.from((inputs[0] as { payload: Uint8Array }).payload)).toEqual([127, 0, 0]);
    expect(session.predictor.position).toEqual({ x: 424, y: 500 });
    // The server applied input 1: prediction replays only input 2.
    socket().deliver(stateMsg(102, world(412), 1));
    expect(session.predictor.position).toEqual({ x: 424, y: 500 });
  });

  it('sends ACK instead of INPUT when idle, once per new state', () => {
    const { socket } = setup();
    join(socket());
    vi.advanceTimersByTime(200);
    socket().deliver(stateMsg(101, world(400)));
    vi.advanceTimersByTime(200);
    const acks = socket().sent.filter((m) => m.type === 'ACK');
    expect(acks).toEqual([
      { type: 'ACK', tick: 100 },
      { type: 'ACK', tick: 101 },
    ]);
    expect(socket().types()).not.toContain('INPUT');
  });

  it('pings every 2 s and measures the round trip from PONG', () => {
    const { session, socket } = setup();
    join(socket());
    const pings = () => socket().sent.filter((m) => m.type === 'PING') as { nonce: number }[];
    expect(pings()).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(pings()).toHaveLength(2);
    vi.advanceTimersByTime(35);
    socket().deliver({ type: 'PONG', nonce: pings()[1].nonce, serverTimeMs: Date.now() });
    expect(session.rttMs).toBe(35);
  });

  it('asks for a resync when a state does not match its checksum', () => {
    const { socket } = setup();
    join(socket());
    socket().deliver({ ...(stateMsg(101, world(410), 0, { tick: 100, state: world(400) }) as object), checksum: 7 } as ServerMessage);
    expect(socket().types()).toContain('RESYNC_REQUEST');
  });

  it('resumes its seat after a dropped connection, with back-off, on the same room', async () => {
    const { session, socket } = setup();
    join(socket());
    const first = socket();
    session.dropConnection();
    await vi.advanceTimersByTimeAsync(1);
    expect(session.state().reconnecting).toBe(true);
    expect(session.state().connected).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    const second = socket();
    expect(second).not.toBe(first);
    expect(second.url).toBe(first.url);
    second.serverClose(1006); // the upgrade failed: try again, later
    await vi.advanceTimersByTimeAsync(600);
    const third = socket();
    expect(third).not.toBe(second);
    join(third, true, 400);
    expect(session.state()).toMatchObject({ connected: true, reconnecting: false, seat: 0, tick: 400 });
  });

  it('refreshes an almost expired access token before reconnecting', async () => {
    const { session, socket, auth } = setup(undefined, 30);
    join(socket());
    session.dropConnection();
    await vi.advanceTimersByTimeAsync(300);
    expect(fetchCalls.map((c) => c.url)).toEqual(['/api/auth/refresh']);
    expect(fetchCalls[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(auth.accessToken).toBe('access-2');
    expect(socket().protocols[1]).toBe('quarkus-http-upgrade#Authorization#Bearer%20access-2');
  });

  it('refreshes and reconnects on 1008 token expired', async () => {
    const { socket } = setup();
    join(socket());
    const first = socket();
    first.serverClose(1008, 'token expired');
    await vi.advanceTimersByTimeAsync(300);
    expect(refreshes).toBe(1);
    expect(socket()).not.toBe(first);
    expect(socket().protocols[1]).toContain('access-2');
  });

  it('does not reconnect when replaced, when the room closed or on other policy closes', async () => {
    for (const [code, reason] of [
      [4001, 'replaced'],
      [4002, 'room closed'],
      [1008, 'rate limit'],
    ] as const) {
      FakeWebSocket.instances = [];
      const { session, socket, events } = setup();
      join(socket());
      socket().serverClose(code, reason);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(FakeWebSocket.instances).toHaveLength(1);
      expect(session.state().reconnecting).toBe(false);
      expect(events[0]).toMatch(/^ended: ./);
    }
  });

  it('gives up when the grace window runs out', async () => {
    const { session, socket, events } = setup();
    join(socket());
    socket().serverClose(1006);
    for (let i = 0; i < 40; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      const ws = socket();
      if (ws.readyState === 0) ws.serverClose(1006);
    }
    expect(events).toEqual(['ended: The connection was lost for too long; your seat was given up.']);
    expect(session.state().reconnecting).toBe(false);
    const attempts = FakeWebSocket.instances.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeWebSocket.instances.length).toBe(attempts);
  });

  it('renews the token in-band with TOKEN_REFRESH before it expires', async () => {
    const { socket } = setup(undefined, 120);
    join(socket());
    for (let t = 1; t <= 61; t++) {
      await vi.advanceTimersByTimeAsync(1000);
      socket().deliver(stateMsg(100 + t * 30, world(400)));
    }
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket().sent).toContainEqual({ type: 'TOKEN_REFRESH', token: 'access-2' });
  });

  it('shows the match end and does not reconnect after the server closes with 1000', async () => {
    const { socket, events } = setup();
    join(socket());
    socket().deliver({ type: 'MATCH_END', durationMs: 120_000, results: [{ seat: 0, score: 3, placement: 1 }] });
    socket().serverClose(1000, 'match over');
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual(['match-end', 'ended: ']);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('treats a silent server as a drop and reconnects', async () => {
    const { session, socket } = setup();
    join(socket());
    await vi.advanceTimersByTimeAsync(6100);
    expect(session.state().reconnecting).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('gives up joining a room that never lets it in', async () => {
    const { socket, events } = setup();
    for (let i = 0; i < 5; i++) {
      if (socket().readyState === 0) socket().serverClose(1006);
      await vi.advanceTimersByTimeAsync(2000);
    }
    expect(FakeWebSocket.instances).toHaveLength(3);
    expect(events).toEqual(['ended: Could not join this room: it may be full, closed or unreachable.']);
  });

  it('closes and stops on a WELCOME of another protocol version', async () => {
    const { socket, events } = setup();
    socket().accept();
    socket().deliver({ ...(welcome(1, world(0)) as object), version: 2 } as ServerMessage);
    await vi.advanceTimersByTimeAsync(5000);
    expect(events[0]).toMatch(/reload/);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('sends LEAVE when the player leaves', () => {
    const { session, socket } = setup();
    join(socket());
    session.leave();
    expect(socket().types()).toContain('LEAVE');
  });
});
