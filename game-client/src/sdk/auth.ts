/**
 * The signed-in player: identity and tokens (docs/auth.md), refreshed on demand, and authenticated calls. The access
 * token lives in memory only. The refresh token is kept in sessionStorage so a page reload in the same tab can sign
 * in again, unless the session is made with `remember: false` (the operator console: a reload signs out). Tokens are
 * never logged.
 */
import { ApiError, request } from './http';

export interface TokenPair {
  playerId: string;
  name: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
}

export interface SignInOptions {
  /** Keep the refresh token in this tab's sessionStorage (default true). */
  remember?: boolean;
  /** The clock, for tests. */
  now?: () => number;
}

const REFRESH_KEY = 'quarkade.refreshToken';
/** An authenticated call first refreshes a token that expires within this margin. */
const CALL_MARGIN_MS = 30_000;

const endpoints = {
  guest: (name?: string) => request<TokenPair>('POST', '/api/auth/guest', name ? { name } : {}),
  register: (username: string, password: string) => request<TokenPair>('POST', '/api/auth/register', { username, password }),
  login: (username: string, password: string) => request<TokenPair>('POST', '/api/auth/login', { username, password }),
  refresh: (refreshToken: string) => request<TokenPair>('POST', '/api/auth/refresh', { refreshToken }),
};

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

function store(refreshToken: string | null): void {
  try {
    if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // sessionStorage may be unavailable (privacy mode); a reload then just asks to sign in again.
  }
}

/** The signed-in player: identity and tokens, refreshed on demand (one refresh at a time). */
export class AuthSession {
  private access: string;
  private refreshToken: string;
  private expires: number;
  private refreshing: Promise<void> | null = null;
  private readonly remember: boolean;
  private readonly now: () => number;
  readonly playerId: string;
  readonly name: string;

  static async guest(name?: string, options?: SignInOptions): Promise<AuthSession> {
    return new AuthSession(await endpoints.guest(name), options);
  }

  static async login(username: string, password: string, options?: SignInOptions): Promise<AuthSession> {
    return new AuthSession(await endpoints.login(username, password), options);
  }

  static async register(username: string, password: string, options?: SignInOptions): Promise<AuthSession> {
    return new AuthSession(await endpoints.register(username, password), options);
  }

  /** Signs in again with the refresh token this tab remembered, if there is one. */
  static async resume(): Promise<AuthSession | null> {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(REFRESH_KEY);
    } catch {
      return null;
    }
    if (!stored) return null;
    try {
      return new AuthSession(await endpoints.refresh(stored));
    } catch {
      store(null);
      return null;
    }
  }

  constructor(pair: TokenPair, options: SignInOptions = {}) {
    this.remember = options.remember ?? true;
    this.now = options.now ?? Date.now;
    this.playerId = pair.playerId;
    this.name = pair.name;
    this.access = pair.accessToken;
    this.refreshToken = pair.refreshToken;
    this.expires = this.expiryOf(pair);
    if (this.remember) store(pair.refreshToken);
  }

  private expiryOf(pair: TokenPair): number {
    return jwtExpiry(pair.accessToken) ?? this.now() + pair.expiresIn * 1000;
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
      this.refreshing = endpoints
        .refresh(this.refreshToken)
        .then((pair) => {
          this.access = pair.accessToken;
          this.refreshToken = pair.refreshToken;
          this.expires = this.expiryOf(pair);
          if (this.remember) store(pair.refreshToken);
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  /** Refreshes if the access token expires within `marginMs`. */
  async ensureFresh(marginMs = CALL_MARGIN_MS): Promise<void> {
    if (this.expiresWithin(marginMs)) await this.refresh();
  }

  /**
   * A JSON call with this player's token: refreshed first when it is about to expire, and once more when the server
   * answers 401 anyway (a token revoked or a clock ahead of ours).
   */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    await this.ensureFresh();
    try {
      return await request<T>(method, path, body, this.access);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      await this.refresh();
      return request<T>(method, path, body, this.access);
    }
  }

  /** Forgets the remembered refresh token: a reload asks to sign in again. */
  signOut(): void {
    if (this.remember) store(null);
  }
}
