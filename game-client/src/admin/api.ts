/**
 * The operator console's calls to /api/admin, made with the operator's AuthSession (refreshed when about to expire
 * and once on a 401). Its tokens live in memory only: a reload signs out. The live feed is an EventSource opened with
 * a one-time ticket, never the token.
 */
import { AuthSession } from '../sdk';

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
  private constructor(private readonly auth: AuthSession) {}

  /** Logs in and checks the account is an operator: a 403 here means it is not. */
  static async login(username: string, password: string): Promise<AdminApi> {
    const admin = new AdminApi(await AuthSession.login(username, password, { remember: false }));
    await admin.rooms();
    return admin;
  }

  get name(): string {
    return this.auth.name;
  }

  rooms(): Promise<RoomSnapshot[]> {
    return this.auth.request('GET', '/api/admin/rooms');
  }

  closeRoom(roomId: string, reason: string): Promise<ActionRow> {
    return this.auth.request('POST', `/api/admin/rooms/${encodeURIComponent(roomId)}/close`, { reason });
  }

  kick(roomId: string, playerId: string, reason: string): Promise<ActionRow> {
    return this.auth.request('POST', `/api/admin/rooms/${encodeURIComponent(roomId)}/players/${encodeURIComponent(playerId)}/kick`, { reason });
  }

  connections(filter: { player?: string; room?: string }, page: number, size = 20): Promise<ConnectionRow[]> {
    const q = new URLSearchParams({ page: String(page), size: String(size) });
    if (filter.player) q.set('player', filter.player);
    if (filter.room) q.set('room', filter.room);
    return this.auth.request('GET', `/api/admin/connections?${q}`);
  }

  actions(page = 0, size = 10): Promise<ActionRow[]> {
    return this.auth.request('GET', `/api/admin/actions?page=${page}&size=${size}`);
  }

  /** Opens the live feed: a fresh one-time ticket each time, since a ticket opens one stream once. */
  async openFeed(): Promise<EventSource> {
    const { ticket } = await this.auth.request<{ ticket: string }>('POST', '/api/admin/feed-ticket');
    return new EventSource(`/api/admin/feed?ticket=${encodeURIComponent(ticket)}`);
  }
}
