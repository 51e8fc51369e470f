/**
 * The operator console's calls to /api/admin. Tokens live in memory only (a reload signs out); a 401 refreshes the
 * access token once and retries. The live feed is an EventSource opened with a one-time ticket, never the token.
 */
import { api, ApiError, type TokenPair } from '../sdk/api';

export interface SeatView {
  seat: number;
  playerId: string;
  name: string;
  liveness: 'connected' | 'suspect' | 'dropped';
  rttMs: number;
}

export interface RoomSnapshot {
  roomId: string;
  game: string;
  status: string;
  capacity: number;
  tick: number;
  tickP99Ms: number;
  bytesPerSecond: number;
  at: number;
  players: SeatView[];
}

export interface Feed {
  at: number;
  rooms: RoomSnapshot[];
}

export interface ConnectionRow {
  id: string;
  playerId: string;
  playerName: string | null;
  roomId: string;
  node: string;
  remoteAddress: string | null;
  openedAt: string;
  closedAt: string | null;
  closeCode: number | null;
  closeReason: string | null;
}

export interface ActionRow {
  id: string;
  adminId: string;
  action: string;
  target: string;
  reason: string;
  at: string;
}

export class AdminApi {
  private tokens: TokenPair;

  private constructor(tokens: TokenPair) {
    this.tokens = tokens;
  }

  /** Logs in and checks the account is an operator: a 403 here means it is not. */
  static async login(username: string, password: string): Promise<AdminApi> {
    const admin = new AdminApi(await api.login(username, password));
    await admin.rooms();
    return admin;
  }

  get name(): string {
    return this.tokens.name;
  }

  rooms(): Promise<RoomSnapshot[]> {
    return this.call('GET', '/api/admin/rooms');
  }

  closeRoom(roomId: string, reason: string): Promise<ActionRow> {
    return this.call('POST', `/api/admin/rooms/${encodeURIComponent(roomId)}/close`, { reason });
  }

  kick(roomId: string, playerId: string, reason: string): Promise<ActionRow> {
    return this.call('POST', `/api/admin/rooms/${encodeURIComponent(roomId)}/players/${encodeURIComponent(playerId)}/kick`, { reason });
  }

  connections(filter: { player?: string; room?: string }, page: number, size = 20): Promise<ConnectionRow[]> {
    const q = new URLSearchParams({ page: String(page), size: String(size) });
    if (filter.player) q.set('player', filter.player);
    if (filter.room) q.set('room', filter.room);
    return this.call('GET', `/api/admin/connections?${q}`);
  }

  actions(page = 0, size = 10): Promise<ActionRow[]> {
    return this.call('GET', `/api/admin/actions?page=${page}&size=${size}`);
  }

  /** Opens the live feed: a fresh one-time ticket each time, since a ticket opens one stream once. */
  async openFeed(): Promise<EventSource> {
    const { ticket } = await this.call<{ ticket: string }>('POST', '/api/admin/feed-ticket');
    return new EventSource(`/api/admin/feed?ticket=${encodeURIComponent(ticket)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${this.tokens.accessToken}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    }
    if (res.status === 401 && !retried) {
      this.tokens = await api.refresh(this.tokens.refreshToken);
      return this.call(method, path, body, true);
    }
    const json = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = (json ?? {}) as { error?: string; message?: string };
      throw new ApiError(res.status, err.error ?? `http-${res.status}`, err.message ?? `${res.status} ${res.statusText}`);
    }
    return json as T;
  }
}
