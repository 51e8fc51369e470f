/** The SDK's example (docs/client-sdk.md) works as written, and the page shows the file as it is. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logStates } from '../examples/log-states';
import { admit, FakeWebSocket, installFakeServer, PLAYER_ID, stateMsg, uninstallFakeServer } from './support/fake-server';
import { world } from './support/test-game';

const EXAMPLE = join(__dirname, '..', 'examples', 'log-states.ts');
const DOC = join(__dirname, '..', '..', 'docs', 'client-sdk.md');

let logged: string[];
beforeEach(() => {
  installFakeServer({
    '/api/auth/guest': { playerId: PLAYER_ID, name: 'Ada', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 },
    '/api/matchmaking/join-or-create': { roomId: 'room-7', wsUrl: 'ws://localhost:8080/ws/rooms/room-7', wsPath: '/ws/rooms/room-7', seatHeldMs: 10_000 },
  });
  logged = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  uninstallFakeServer();
});

describe('the client SDK example', () => {
  it('signs in as a guest, joins through matchmaking and logs each state, acknowledging them', async () => {
    const room = await logStates('arena', 'Ada');
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe('ws://localhost:8080/ws/rooms/room-7');
    admit(ws, world(400));
    ws.deliver(stateMsg(101, world(404)));
    await vi.advanceTimersByTimeAsync(100);
    expect(logged).toEqual([
      'seat 0 in room room-7, 30 ticks a second',
      'tick 100: 1 entities, globals [1]',
      '{"connected":true,"reconnecting":false}',
      'players: Ada, Zoë',
      'tick 101: 1 entities, globals [1]',
    ]);
    expect(ws.types()).toContain('ACK');
    expect(ws.types()).not.toContain('INPUT');
    room.leave();
  });

  it('is shown in docs/client-sdk.md exactly as the file has it', () => {
    const code = readFileSync(EXAMPLE, 'utf8').trim();
    expect(readFileSync(DOC, 'utf8')).toContain('```ts\n' + code + '\n```');
  });
});
