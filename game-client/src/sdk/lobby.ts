/**
 * The REST lobby (docs/protocol.md section 1; docs/persistence.md for history): the open rooms and where one runs
 * now, matchmaking, the leaderboard and match history. Every answer that leads to a room says where to connect
 * (`wsUrl`); pass it to RoomClient.
 */
import type { AuthSession } from './auth';
import { Maybe, optional, request } from './http';

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

/** An optional list: with a player's token when there is one. */
function list(path: string, auth?: AuthSession): Promise<Maybe<unknown[]>> {
  return optional(() => (auth ? auth.request<unknown[]>('GET', path) : request<unknown[]>('GET', path)));
}

export const lobby = {
  rooms: () => request<RoomInfo[]>('GET', '/api/rooms'),
  /** One room and where it lives now (after its node stopped, a cluster may have moved it). */
  room: (roomId: string) => request<RoomInfo>('GET', `/api/rooms/${encodeURIComponent(roomId)}`),
  /** Matchmaking: a seat held in the fullest open room of `game`, or in a new one. */
  quickPlay: (auth: AuthSession, game: string) =>
    auth.request<JoinedRoom>('POST', '/api/matchmaking/join-or-create', { game }),
  leaderboard: (game: string, auth?: AuthSession) => list(`/api/leaderboard?game=${encodeURIComponent(game)}`, auth),
  matches: (playerId: string, auth?: AuthSession) => list(`/api/matches?player=${encodeURIComponent(playerId)}`, auth),
};
