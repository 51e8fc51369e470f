/**
 * REST calls to the Quarkade server, and the signed-in player's tokens. The access token lives in memory only; the
 * refresh token is kept in sessionStorage so a page reload in the same tab can sign in again. Tokens are never logged.
 */

export interface TokenPair {
  playerId: string;
  name: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
}

export interface RoomInfo {
  roomId: string;
  game: string;
  players: number;
  capacity: number;
  status: string;
  /** Where to connect: the WebSocket URL of the node that runs the room (in a cluster, maybe not this one). */
  wsUrl?: string;
  /** The node that runs the room (cluster mode only). */
  node?: string;
}

export interface JoinedRoom {
  roomId: string;
  /** The absolute WebSocket URL of the room on its node; connect there (docs/protocol.md section 2). */
  wsUrl?: string;
  [key: string]: unknown;
}

/** A failed call: the HTTP status and the server's {"error","message"} when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sentinel for an endpoint the server does not offer (yet): a 404 on a list. */
export const NOT_AVAILABLE = Symbol('not available');
export type Maybe<T> = T | typeof NOT_AVAILABLE;

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const err = (json ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? `http-${res.status}`, err.message ?? `${res.status} ${res.statusText}`);
  }
  return json as T;
}

async function optional<T>(path: string, token?: string): Promise<Maybe<T>> {
  try {
    return await call<T>('GET', path, undefined, token);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) return NOT_AVAILABLE;
    throw e;
  }
}

export const api = {
  guest: (name?: string) => call<TokenPair>('POST', '/api/auth/guest', name ? { name } : {}),
  register: (username: string, password: string) =>
    call<TokenPair>('POST', '/api/auth/register', { username, password }),
  login: (username: string, password: string) => call<TokenPair>('POST', '/api/auth/login', { username, password }),
  refresh: (refreshToken: string) => call<TokenPair>('POST', '/api/auth/refresh', { refreshToken }),
  rooms: () => call<RoomInfo[]>('GET', '/api/rooms'),
  /** One room and where it lives now (after its node stopped, a cluster may have moved it). */
  room: (roomId: string) => call<RoomInfo>('GET', `/api/rooms/${encodeURIComponent(roomId)}`),
  quickPlay: (token: string, game = 'arena') =>
    call<JoinedRoom>('POST', '/api/matchmaking/join-or-create', { game }, token),
  leaderboard: (game = 'arena', token?: string) =>
    optional<unknown[]>(`/api/leaderboard?game=${encodeURIComponent(game)}`, token),
  matches: (playerId: string, token?: string) =>
    optional<unknown[]>(`/api/matches?player=${encodeURIComponent(playerId)}`, token),
};

const REFRESH_KEY = 'quarkade.refreshToken';

/** Expiry (epoch ms) from the JWT's exp claim; decoding the payload is not verifying it, just reading a date. */
export function jwtExpiry(jwt: string): number | null {
  const part = jwt.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The signed-in player: identity and tokens, refreshed on demand (one refresh at a time). */
export class AuthSession {
  private access: string;
  private refreshToken: string;
  private expires: number;
  private refreshing: Promise<void> | null = null;
  readonly playerId: string;
  readonly name: string;

  constructor(pair: TokenPair, private readonly now: () => number = Date.now) {
    this.playerId = pair.playerId;
    this.name = pair.name;
    this.access = pair.accessToken;
    this.refreshToken = pair.refreshToken;
    this.expires = AuthSession.expiryOf(pair, now());
    AuthSession.store(pair.refreshToken);
  }

  private static expiryOf(pair: TokenPair, now: number): number {
    return jwtExpiry(pair.accessToken) ?? now + pair.expiresIn * 1000;
  }

  private static store(refreshToken: string | null): void {
    try {
      if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
      else sessionStorage.removeItem(REFRESH_KEY);
    } catch {
      // sessionStorage may be unavailable (privacy mode); a reload then just asks to sign in again.
    }
  }

  /** Signs in again with the refresh token of this tab, if there is one. */
  static async resume(): Promise<AuthSession | null> {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(REFRESH_KEY);
    } catch {
      return null;
    }
    if (!stored) return null;
    try {
      return new AuthSession(await api.refresh(stored));
    } catch {
      AuthSession.store(null);
      return null;
    }
  }

  get accessToken(): string {
    return this.access;
  }

  get expiresAt(): number {
    return this.expires;
  }

  expiresWithin(ms: number): boolean {
    return this.expires - this.now() <= ms;
  }

  /** Gets a new token pair now; concurrent callers share one request. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = api
        .refresh(this.refreshToken)
        .then((pair) => {
          this.access = pair.accessToken;
          this.refreshToken = pair.refreshToken;
          this.expires = AuthSession.expiryOf(pair, this.now());
          AuthSession.store(pair.refreshToken);
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  /** Refreshes if the access token expires within `marginMs`. */
  async ensureFresh(marginMs = 30_000): Promise<void> {
    if (this.expiresWithin(marginMs)) await this.refresh();
  }

  signOut(): void {
    AuthSession.store(null);
  }
}
