import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArenaInput } from '../../src/arena/input';
import { ArenaSession } from '../../src/arena/session';
import { testState } from '../../src/arena/test-hook';
import type { WorldState } from '../../src/sdk';
import { admit, FakeWebSocket, installFakeServer, PLAYER_ID, signedIn, stateMsg, uninstallFakeServer } from '../support/fake-server';

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

beforeEach(() => void installFakeServer());
afterEach(uninstallFakeServer);

function setup(input: ArenaInput = { moveX: 0, moveY: 0, buttons: 0 }) {
  const current = { input, attached: 0 };
  const controls = {
    attach: () => {
      current.attached++;
      return () => current.attached--;
    },
    read: () => current.input,
  };
  const session = new ArenaSession({ roomId: 'room-7', auth: signedIn(), controls, settings: { reconnectGraceMs: 20_000, silenceMs: 6000 } });
  session.start();
  return { session, current, socket: () => FakeWebSocket.last() };
}

describe('ArenaSession', () => {
  it('shows the test hook seat, players with names, tick and rtt after WELCOME, ROSTER and STATE', () => {
    const { session, socket } = setup();
    admit(socket(), world(400));
    socket().deliver(stateMsg(101, world(404)));
    expect(testState(session)).toMatchObject({
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
  });

  it('sends the 3-byte arena input and predicts its own player from the inputs the server has not applied', () => {
    const { session, socket } = setup({ moveX: 127, moveY: 0, buttons: 0 });
    admit(socket(), world(400));
    vi.advanceTimersByTime(1000 / 30 + 1);
    socket().deliver(stateMsg(101, world(400)));
    vi.advanceTimersByTime(1000 / 30);
    const inputs = socket().sentOf('INPUT');
    expect(inputs.map((m) => [m.seq, m.ackTick])).toEqual([
      [1, 100],
      [2, 101],
    ]);
    expect(Array.from(inputs[0].payload)).toEqual([127, 0, 0]);
    expect(session.predicted).toEqual({ x: 424, y: 500 });
    // The server applied input 1: prediction replays only input 2.
    socket().deliver(stateMsg(102, world(412), 1));
    expect(session.predicted).toEqual({ x: 424, y: 500 });
  });

  it('draws itself where prediction puts it and the others from the states, with roster names', () => {
    const { session, socket } = setup({ moveX: 127, moveY: 0, buttons: 0 });
    admit(socket(), world(400));
    vi.advanceTimersByTime(1000 / 30 + 1);
    const frame = session.frame()!;
    expect(frame.players.map((p) => ({ id: p.entityId, x: p.x, name: p.name, self: p.self }))).toEqual([
      { id: 1, x: 412, name: 'Ada', self: true },
      { id: 2, x: 800, name: 'Zoë', self: false },
    ]);
  });

  it('lets the controls go when the match ends or the player leaves', () => {
    const { session, current, socket } = setup();
    admit(socket(), world(400));
    expect(current.attached).toBe(1);
    socket().deliver({ type: 'MATCH_END', durationMs: 120_000, results: [{ seat: 0, score: 3, placement: 1 }] });
    expect(current.attached).toBe(0);
    session.leave();
    expect(current.attached).toBe(0);
  });
});
