import { describe, expect, it } from 'vitest';
import { AuthSession, jwtExpiry } from '../../src/sdk/auth';
import { Backoff } from '../../src/sdk/room/backoff';
import { closeAction, SIMULATED_DROP } from '../../src/sdk/room/close-codes';
import { authSubprotocols, roomUrl, socketUrl } from '../../src/sdk/room/socket';

function jwt(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256' })}.${b64(payload)}.c2ln`;
}

describe('socket authentication', () => {
  it('carries the token in URL-encoded subprotocols and not in the URL', () => {
    const token = jwt({ sub: 'x', exp: 2 });
    expect(authSubprotocols(token)).toEqual([
      'bearer-token-carrier',
      `quarkus-http-upgrade#Authorization#Bearer%20${token}`,
    ]);
    expect(authSubprotocols('a+b/c=')[1]).toBe('quarkus-http-upgrade#Authorization#Bearer%20a%2Bb%2Fc%3D');
    const url = roomUrl('r-1', { protocol: 'https:', host: 'play.example:8443' });
    expect(url).toBe('wss://play.example:8443/ws/rooms/r-1');
    expect(url).not.toContain(token);
  });

  it("connects to the server's wsUrl when it gave one (the node that runs the room), else to the page's host", () => {
    const page = { protocol: 'http:', host: 'lobby.example' };
    expect(socketUrl('r-1', 'wss://node-2.example/ws/rooms/r-1', page)).toBe('wss://node-2.example/ws/rooms/r-1');
    expect(socketUrl('r-1', undefined, page)).toBe('ws://lobby.example/ws/rooms/r-1');
    // The page's own host keeps the page's scheme: behind a TLS proxy a single node may answer ws:// for wss://.
    const secure = { protocol: 'https:', host: 'lobby.example' };
    expect(socketUrl('r-1', 'ws://lobby.example/ws/rooms/r-1', secure)).toBe('wss://lobby.example/ws/rooms/r-1');
  });
});

describe('close codes', () => {
  it('reconnects after drops, server restarts and heartbeat timeouts', () => {
    for (const code of [1001, 1005, 1006, 1011, 1012, 4000, SIMULATED_DROP]) expect(closeAction(code, '')).toBe('reconnect');
  });

  it('does not reconnect when replaced, the room closed, the seat expired or the match ended', () => {
    for (const code of [1000, 1003, 1007, 1009, 4001, 4002, 4003]) expect(closeAction(code, '')).toBe('stop');
  });

  it('refreshes the token and reconnects on 1008 token expired, but not on other policy closes', () => {
    expect(closeAction(1008, 'token expired')).toBe('refresh-then-reconnect');
    expect(closeAction(1008, 'rate limit')).toBe('stop');
    expect(closeAction(1008, 'token revoked')).toBe('stop');
  });
});

describe('Backoff', () => {
  it('doubles from 250 ms to at most 5 s with jitter', () => {
    const top = new Backoff(250, 5000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => top.next())).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    const bottom = new Backoff(250, 5000, () => 0);
    expect([1, 2, 3].map(() => bottom.next())).toEqual([125, 250, 500]);
    top.reset();
    expect(top.next()).toBe(250);
  });
});

describe('AuthSession', () => {
  it('reads the expiry from the JWT, else from expiresIn', () => {
    expect(jwtExpiry(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(jwtExpiry('not-a-jwt')).toBeNull();
    const s = new AuthSession(
      { playerId: 'p', name: 'n', accessToken: 'opaque', refreshToken: 'r', expiresIn: 900 },
      { now: () => 1000 },
    );
    expect(s.expiresAt).toBe(901_000);
    expect(s.expiresWithin(60_000)).toBe(false);
    expect(s.expiresWithin(900_000)).toBe(true);
  });
});
