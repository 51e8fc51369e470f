/**
 * The vocabulary of a RoomClient: the options it is made with, and the typed events it delivers. Game events (a
 * match's own reliable messages) will join RoomEvents when the server sends them (issue 20).
 */
import type { AuthSession } from '../auth';
import type { GameDefinition, Prediction, YourSeat } from '../game';
import type { MatchEnd, RosterSeat } from '../protocol/codec';
import type { WorldState } from '../protocol/state';
import type { ServerSettings } from '../settings';

export interface RoomClientOptions<Input, World> {
  roomId: string;
  auth: AuthSession;
  game: GameDefinition<Input, World>;
  /** The server's wsUrl for the room (the node that runs it); without it, the page's own host. */
  wsUrl?: string;
  /** Read once per tick while connected; without it the player only watches (idle input). */
  readInput?: () => Input;
  prediction?: Prediction<Input, World>;
  /** Server numbers other than the defaults (settings.ts). */
  settings?: Partial<ServerSettings>;
}

/** WELCOME: your seat and the room's settings. */
export interface Welcomed extends YourSeat {
  tickRate: number;
  capacity: number;
}

/** A state applied to the mirror, and the game's view of it. */
export interface StateEvent<World> {
  tick: number;
  world: World;
  state: WorldState;
  /** The newest INPUT the server had applied; null for the state of a WELCOME. */
  lastInputSeq: number | null;
  serverTimeMs: number;
}

export interface ChatLine {
  seat: number;
  /** The sender's name in the roster when the line arrived. */
  name: string;
  text: string;
}

/** The room as the player sees it now (a copy). */
export interface RoomStatus {
  connected: boolean;
  reconnecting: boolean;
  roomId: string;
  playerId: string;
  seat: number | null;
  entityId: number | null;
  tick: number;
  rttMs: number | null;
}

export interface RoomEvents<World> {
  welcome: Welcomed;
  state: StateEvent<World>;
  roster: readonly RosterSeat[];
  chat: ChatLine;
  matchEnd: MatchEnd;
  /** `connected` or `reconnecting` changed. */
  connection: RoomStatus;
  /** The client is done with this room and will not reconnect; `message` says why ('' after a match end). */
  ended: { message: string };
}
