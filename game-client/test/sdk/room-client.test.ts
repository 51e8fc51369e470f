import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomClient, type RoomEvents } from '../../src/sdk';
import type { ServerMessage, WorldState } from '../../src/sdk/protocol/codec';
import { admit, FakeServer, FakeWebSocket, installFakeServer, PLAYER_ID, signedIn, stateMsg, uninstallFakeServer, welcome } from '../support/fake-server';
import { RecordingPrediction, testGame, world } from '../support/test-game';

/** Every deadline these tests depend on, set here rather than taken from the defaults. */
const SETTINGS = { reconnectGraceMs: 20_000, silenceMs: 6000 };

let server: FakeServer;
beforeEach(() => {
  server = installFakeServer();
});
afterEach(uninstallFakeServer);

function setup(options: { input?: number; expiresIn?: number } = {}) {
  const auth = signedIn(options.expiresIn);
  const current = { input: options.input ?? 0 };
  const prediction = new RecordingPrediction();
  const room = new RoomClient<number, WorldState>({ roomId: 'room-7', auth, game: testGame, readInput: () => current.input, prediction, settings: SETTINGS });
  const events: string[] = [];
  room.on('matchEnd', () => events.push('match-end'));
  room.on('ended', ({ message }) => events.push(`ended: ${message}`));
  room.start();
  return { room, events, current, auth, prediction, socket: () => FakeWebSocket.last() };
}

describe('RoomClient', () => {
  it('connects to the room with the token in the subprotocols, not the URL', () => {
    const { socket } = setup();
    expect(socket().url).toBe('ws://localhost:8080/ws/rooms/room-7');
    expect(socket().protocols).toEqual(['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer%20access-1']);
    expect(socket().binaryType).toBe('arraybuffer');
  });

  it('reports seat, tick and rtt after WELCOME, ROSTER and STATE, and the roster names', () => {
    const { room, socket } = setup();
    admit(socket(), world(400));
    socket().deliver(stateMsg(101, world(404)));
    expect(room.status()).toEqual({
      connected: true,
      reconnecting: false,
      roomId: 'room-7',
      playerId: PLAYER_ID,
      seat: 0,
      entityId: 1,
      tick: 101,
      rttMs: 42,
    });
    expect(room.world).toEqual(world(404));
    expect(room.roster.map((s) => s.name)).toEqual(['Ada', 'Zoë']);
    expect(room.nameOfSeat(1)).toBe('Zoë');
    expect(room.nameOfSeat(5)).toBe('Player 6');
  });

  it('delivers welcome, each applied state, roster, chat and match end as typed events, in order', () => {
    const { room, socket } = setup();
    const seen: string[] = [];
    const log =
      <K extends keyof RoomEvents<WorldState>>(type: K, show: (e: RoomEvents<WorldState>[K]) => string) =>
      (e: RoomEvents<WorldState>[K]) =>
        seen.push(`${type} ${show(e)}`);
    room.on('welcome', log('welcome', (w) => `seat ${w.seat} entity ${w.entityId} ${w.tickRate} Hz`));
    room.on('state', log('state', (s) => `${s.tick} x ${s.world.entities[0].fields[0]} seq ${s.lastInputSeq}`));
    room.on('roster', log('roster', (r) => r.map((s) => s.name).join()));
    room.on('chat', log('chat', (c) => `${c.name}: ${c.text}`));
    room.on('matchEnd', log('matchEnd', (m) => `${m.results.length} results`));
    room.on('connection', log('connection', (c) => `connected ${c.connected}`));
    admit(socket(), world(400));
    socket().deliver(stateMsg(101, world(404), 3));
    socket().deliver({ type: 'CHAT_RELAY', seat: 1, text: '你好 🎮' });
    socket().deliver({ type: 'MATCH_END', durationMs: 120_000, results: [{ seat: 0, score: 3, placement: 1 }] });
    expect(seen).toEqual([
      'welcome seat 0 entity 1 30 Hz',
      'state 100 x 400 seq null',
      'connection connected true',
      'roster Ada,Zoë',
      'state 101 x 404 seq 3',
      'chat Zoë: 你好 🎮',
      'matchEnd 1 results',
    ]);
  });

  it('sends INPUT at the tick rate with increasing seq and the newest tick as ack, and tells the prediction', () => {
    const { socket, prediction } = setup({ input: 7 });
    admit(socket(), world(400));
    vi.advanceTimersByTime(1000 / 30 + 1);
    socket().deliver(stateMsg(101, world(400), 1));
    vi.advanceTimersByTime(1000 / 30);
    expect(socket().sentOf('INPUT').map((m) => [m.seq, m.ackTick, ...m.payload])).toEqual([
      [1, 100, 7],
      [2, 101, 7],
    ]);
    expect(prediction.calls).toEqual(['seated 0', 'state 400 applied null', 'sent 1:7', 'state 400 applied 1', 'sent 2:7']);
  });

  it('sends ACK instead of INPUT when idle, once per new state', () => {
    const { socket } = setup();
    admit(socket(), world(400));
    vi.advanceTimersByTime(200);
    socket().deliver(stateMsg(101, world(400)));
    vi.advanceTimersByTime(200);
    expect(socket().sentOf('ACK')).toEqual([
      { type: 'ACK', tick: 100 },
      { type: 'ACK', tick: 101 },
    ]);
    expect(socket().types()).not.toContain('INPUT');
  });

  it('sends one idle INPUT when the input goes idle, then ACKs', () => {
    const { socket, current } = setup({ input: 7 });
    admit(socket(), world(400));
    vi.advanceTimersByTime(1000 / 30 + 1);
    current.input = 0;
    vi.advanceTimersByTime(1000 / 30);
    socket().deliver(stateMsg(101, world(400)));
    vi.advanceTimersByTime(1000 / 30);
    expect(socket().sent.filter((m) => m.type === 'INPUT' || m.type === 'ACK').map((m) => (m.type === 'INPUT' ? `INPUT ${m.payload[0]}` : m.type))).toEqual([
      'INPUT 7',
      'INPUT 0',
      'ACK',
    ]);
  });

  it('numbers INPUTs on from the last one after a reconnect to a new seat, so seq never goes back', async () => {
    const { room, socket, prediction } = setup({ input: 7 });
    admit(socket(), world(400));
    vi.advanceTimersByTime(1000 / 30 + 1);
    vi.advanceTimersByTime(1000 / 30);
    room.dropConnection();
    await vi.advanceTimersByTimeAsync(300);
    admit(socket(), world(400), false, 200);
    vi.advanceTimersByTime(1000 / 30 + 1);
    expect(socket().sentOf('INPUT').map((m) => m.seq)).toEqual([3]);
    expect(prediction.calls.filter((c) => c.startsWith('seated'))).toEqual(['seated 0', 'seated 0']);
  });

  it('pings every 2 s and measures the round trip from PONG', () => {
    const { room, socket } = setup();
    admit(socket(), world(400));
    const pings = () => socket().sentOf('PING');
    expect(pings()).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(pings()).toHaveLength(2);
    vi.advanceTimersByTime(35);
    socket().deliver({ type: 'PONG', nonce: pings()[1].nonce, serverTimeMs: Date.now() });
    expect(room.rttMs).toBe(35);
    expect(room.serverRttMs).toBeNull();
  });

  it('asks for a resync when a state does not match its checksum', () => {
    const { room, socket } = setup();
    admit(socket(), world(400));
    socket().deliver({ ...(stateMsg(101, world(410), 0, { tick: 100, state: world(400) }) as object), checksum: 7 } as ServerMessage);
    expect(socket().types()).toContain('RESYNC_REQUEST');
    expect(room.tick).toBe(100);
  });

  it('resumes its seat after a dropped connection, with back-off, on the same room', async () => {
    const { room, socket, prediction } = setup();
    admit(socket(), world(400));
    const first = socket();
    room.dropConnection();
    await vi.advanceTimersByTimeAsync(1);
    expect(room.status()).toMatchObject({ reconnecting: true, connected: false, seat: null });
    await vi.advanceTimersByTimeAsync(300);
    const second = socket();
    expect(second).not.toBe(first);
    expect(second.url).toBe(first.url);
    second.serverClose(1006); // the upgrade failed: try again, later
    await vi.advanceTimersByTimeAsync(600);
    const third = socket();
    expect(third).not.toBe(second);
    admit(third, world(400), true, 400);
    expect(room.status()).toMatchObject({ connected: true, reconnecting: false, seat: 0, tick: 400 });
    expect(prediction.calls).toContain('seated 0 resumed');
  });

  it('refreshes an almost expired access token before reconnecting', async () => {
    const { room, socket, auth } = setup({ expiresIn: 30 });
    admit(socket(), world(400));
    room.dropConnection();
    await vi.advanceTimersByTimeAsync(300);
    expect(server.fetchCalls.map((c) => c.url)).toEqual(['/api/auth/refresh']);
    expect(server.fetchCalls[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(auth.accessToken).toBe('access-2');
    expect(socket().protocols[1]).toBe('quarkus-http-upgrade#Authorization#Bearer%20access-2');
  });

  it('refreshes and reconnects on 1008 token expired', async () => {
    const { socket } = setup();
    admit(socket(), world(400));
    const first = socket();
    first.serverClose(1008, 'token expired');
    await vi.advanceTimersByTimeAsync(300);
    expect(server.refreshes()).toBe(1);
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
      const { room, socket, events } = setup();
      admit(socket(), world(400));
      socket().serverClose(code, reason);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(FakeWebSocket.instances).toHaveLength(1);
      expect(room.reconnecting).toBe(false);
      expect(events[0]).toMatch(/^ended: ./);
    }
  });

  it('gives up when the grace window runs out', async () => {
    const { room, socket, events } = setup();
    admit(socket(), world(400));
    socket().serverClose(1006);
    for (let i = 0; i < SETTINGS.reconnectGraceMs / 1000 + 20; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      const ws = socket();
      if (ws.readyState === 0) ws.serverClose(1006);
    }
    expect(events).toEqual(['ended: The connection was lost for too long; your seat was given up.']);
    expect(room.reconnecting).toBe(false);
    const attempts = FakeWebSocket.instances.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeWebSocket.instances.length).toBe(attempts);
  });

  it('renews the token in-band with TOKEN_REFRESH before it expires', async () => {
    const { socket } = setup({ expiresIn: 120 });
    admit(socket(), world(400));
    for (let t = 1; t <= 61; t++) {
      await vi.advanceTimersByTimeAsync(1000);
      socket().deliver(stateMsg(100 + t * 30, world(400)));
    }
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket().sent).toContainEqual({ type: 'TOKEN_REFRESH', token: 'access-2' });
  });

  it('shows the match end and does not reconnect after the server closes with 1000', async () => {
    const { socket, events } = setup();
    admit(socket(), world(400));
    socket().deliver({ type: 'MATCH_END', durationMs: 120_000, results: [{ seat: 0, score: 3, placement: 1 }] });
    socket().serverClose(1000, 'match over');
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual(['match-end', 'ended: ']);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('treats a silent server as a drop and reconnects', async () => {
    const { room, socket } = setup();
    admit(socket(), world(400));
    await vi.advanceTimersByTimeAsync(SETTINGS.silenceMs - 100);
    expect(room.reconnecting).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(room.reconnecting).toBe(true);
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
    socket().deliver({ ...(welcome(1, world(0)) as object), version: 3 } as ServerMessage);
    await vi.advanceTimersByTimeAsync(5000);
    expect(events[0]).toMatch(/reload/);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('sends LEAVE when the player leaves, and nothing after', async () => {
    const { room, socket, events } = setup({ input: 7 });
    admit(socket(), world(400));
    room.leave();
    expect(socket().types()).toContain('LEAVE');
    const sent = socket().sent.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket().sent.length).toBe(sent);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(events).toEqual([]);
  });
});
