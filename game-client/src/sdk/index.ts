/**
 * The Quarkade client SDK: what a browser game needs to play on a Quarkade server, and nothing of any one game.
 * Games, the app shell and the operator console import from here only (test/architecture.test.ts checks it);
 * docs/client-sdk.md describes it, with an example.
 */
export { AuthSession, type SignInOptions, type TokenPair } from './auth';
export { chatDraft, clipUtf8, utf8Length, type ChatDraft, type ChatResult } from './chat';
export { ApiError, NOT_AVAILABLE, type Maybe } from './http';
export { lobby, type JoinedRoom, type RoomInfo } from './lobby';
export type { GameDefinition, InputCodec, Prediction, YourSeat } from './game';
export { RoomClient } from './room/room-client';
export type { ChatLine, RoomClientOptions, RoomEvents, RoomStatus, StateEvent, Welcomed } from './room/room-events';
export { SERVER_SETTINGS, type ServerSettings } from './settings';
export type { Unsubscribe } from './events';
export {
  Liveness,
  MAX_CHAT_BYTES,
  PROTOCOL_VERSION,
  type MatchEnd,
  type PlayerResult,
  type RosterSeat,
} from './protocol/codec';
export type { Entity, WorldState } from './protocol/state';
