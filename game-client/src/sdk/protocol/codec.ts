/**
 * The frame codec of docs/protocol.md: one WebSocket message = one frame, first byte = message type.
 * Encodes and decodes every message in both directions (the client sends c2s and reads s2c; tests need all four).
 */
import { ByteReader, ByteWriter, MalformedFrameError, utf8 } from './wire';

export { crc32 } from './crc32';
export * from './state';
export { MalformedFrameError, zigzag, unzigzag, toHex, fromHex } from './wire';

export const PROTOCOL_VERSION = 2;
export const MAX_CLIENT_FRAME = 16384;
export const MAX_SERVER_FRAME = 1048576;
export const MAX_INPUT_PAYLOAD = 64;
export const MAX_CHAT_BYTES = 200;
export const MAX_TOKEN_BYTES = 8192;
export const MAX_NAME_BYTES = 96;
export const MAX_GAME_SETTINGS = 1024;
export const MAX_EVENT_PAYLOAD = 4096;

/** Message type codes (section 4). Client codes are below 0x80, server codes have bit 7 set. */
export const MessageCode = {
  INPUT: 0x01,
  ACK: 0x02,
  RESYNC_REQUEST: 0x03,
  CHAT: 0x04,
  PING: 0x05,
  TOKEN_REFRESH: 0x06,
  LEAVE: 0x07,
  WELCOME: 0x81,
  STATE: 0x82,
  PONG: 0x83,
  CHAT_RELAY: 0x84,
  ROSTER: 0x85,
  MATCH_END: 0x86,
  TOKEN_ACCEPTED: 0x87,
  GAME_EVENT: 0x88,
  MATCH_STATUS: 0x89,
} as const;

export type Input = { type: 'INPUT'; seq: number; ackTick: number; payload: Uint8Array };
export type Ack = { type: 'ACK'; tick: number };
export type ResyncRequest = { type: 'RESYNC_REQUEST' };
export type Chat = { type: 'CHAT'; text: string };
export type Ping = { type: 'PING'; nonce: number };
export type TokenRefresh = { type: 'TOKEN_REFRESH'; token: string };
export type Leave = { type: 'LEAVE' };

export type ClientMessage = Input | Ack | ResyncRequest | Chat | Ping | TokenRefresh | Leave;

export type Welcome = {
  type: 'WELCOME';
  version: number;
  seat: number;
  entityId: number;
  tickRate: number;
  capacity: number;
  historyTicks: number;
  resumed: boolean;
  tick: number;
  serverTimeMs: number;
  checksum: number;
  /** How long the server keeps a dropped player's seat. */
  reconnectGraceMs: number;
  /** How long the server waits for a Pong before it drops a connection: silence this long means the link is dead. */
  silenceTimeoutMs: number;
  /** The game this room runs, and its own settings (in the game's encoding). */
  gameId: string;
  settings: Uint8Array;
  snapshot: Uint8Array;
};
export type State = {
  type: 'STATE';
  tick: number;
  serverTimeMs: number;
  baselineTick: number;
  lastInputSeq: number;
  rttMs: number;
  checksum: number;
  body: Uint8Array;
};
export type Pong = { type: 'PONG'; nonce: number; serverTimeMs: number };
export type ChatRelay = { type: 'CHAT_RELAY'; seat: number; text: string };
export type RosterSeat = { seat: number; playerId: string; name: string; liveness: number };
export type Roster = { type: 'ROSTER'; seats: RosterSeat[] };
export type PlayerResult = { seat: number; score: number; placement: number };
export type MatchEnd = { type: 'MATCH_END'; durationMs: number; results: PlayerResult[] };
export type TokenAccepted = { type: 'TOKEN_ACCEPTED'; expiresAtMs: number };
/** A game's own message, after the state of `tick`; `eventType` and `payload` are the game's. */
export type GameEvent = { type: 'GAME_EVENT'; tick: number; eventType: number; payload: Uint8Array };
/** Where the room's match is: see MatchPhase; `phaseEndsAtMs` (server clock) ends a countdown or an intermission. */
export type MatchStatus = { type: 'MATCH_STATUS'; phase: number; minPlayers: number; phaseEndsAtMs: number };

export type ServerMessage =
  | Welcome
  | State
  | Pong
  | ChatRelay
  | Roster
  | MatchEnd
  | TokenAccepted
  | GameEvent
  | MatchStatus;
export type Message = ClientMessage | ServerMessage;

/** Liveness values in ROSTER. */
export const Liveness = { CONNECTED: 0, SUSPECT: 1, DROPPED: 2 } as const;

/** MATCH_STATUS phases. */
export const MatchPhase = { WAITING: 0, STARTING: 1, PLAYING: 2, INTERMISSION: 3 } as const;

function checkTextLength(bytes: Uint8Array, min: number, max: number, what: string): void {
  if (bytes.length < min || bytes.length > max) {
    throw new MalformedFrameError(`${what} of ${bytes.length} bytes, expected ${min}-${max}`);
  }
}

function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function bytesToUuid(b: Uint8Array): string {
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function encode(msg: Message): Uint8Array {
  const w = new ByteWriter().u8(MessageCode[msg.type]);
  switch (msg.type) {
    case 'INPUT':
      if (msg.payload.length > MAX_INPUT_PAYLOAD) throw new MalformedFrameError('input payload over 64 bytes');
      return w.u32(msg.seq).u32(msg.ackTick).bytes(msg.payload).finish();
    case 'ACK':
      return w.u32(msg.tick).finish();
    case 'RESYNC_REQUEST':
    case 'LEAVE':
      return w.finish();
    case 'CHAT': {
      const text = utf8(msg.text);
      checkTextLength(text, 1, MAX_CHAT_BYTES, 'chat text');
      return w.bytes(text).finish();
    }
    case 'PING':
      return w.u32(msg.nonce).finish();
    case 'TOKEN_REFRESH': {
      const token = utf8(msg.token);
      checkTextLength(token, 1, MAX_TOKEN_BYTES, 'token');
      return w.bytes(token).finish();
    }
    case 'WELCOME':
      return w
        .u8(msg.version)
        .u8(msg.seat)
        .u16(msg.entityId)
        .u8(msg.tickRate)
        .u8(msg.capacity)
        .u8(msg.historyTicks)
        .u8(msg.resumed ? 1 : 0)
        .u32(msg.tick)
        .u64(msg.serverTimeMs)
        .u32(msg.checksum)
        .u32(msg.reconnectGraceMs)
        .u32(msg.silenceTimeoutMs)
        .u8(utf8(msg.gameId).length)
        .bytes(utf8(msg.gameId))
        .u16(msg.settings.length)
        .bytes(msg.settings)
        .bytes(msg.snapshot)
        .finish();
    case 'STATE':
      return w
        .u32(msg.tick)
        .u64(msg.serverTimeMs)
        .u32(msg.baselineTick)
        .u32(msg.lastInputSeq)
        .u16(Math.min(msg.rttMs, 0xffff))
        .u32(msg.checksum)
        .bytes(msg.body)
        .finish();
    case 'PONG':
      return w.u32(msg.nonce).u64(msg.serverTimeMs).finish();
    case 'CHAT_RELAY': {
      const text = utf8(msg.text);
      checkTextLength(text, 1, MAX_CHAT_BYTES, 'chat text');
      return w.u8(msg.seat).bytes(text).finish();
    }
    case 'ROSTER':
      w.u8(msg.seats.length);
      for (const s of msg.seats) {
        const name = utf8(s.name);
        checkTextLength(name, 0, MAX_NAME_BYTES, 'name');
        w.u8(s.seat).bytes(uuidToBytes(s.playerId)).u8(name.length).bytes(name).u8(s.liveness);
      }
      return w.finish();
    case 'MATCH_END':
      w.u32(msg.durationMs).u8(msg.results.length);
      for (const r of msg.results) w.u8(r.seat).i32(r.score).u8(r.placement);
      return w.finish();
    case 'TOKEN_ACCEPTED':
      return w.u64(msg.expiresAtMs).finish();
    case 'GAME_EVENT':
      if (msg.payload.length > MAX_EVENT_PAYLOAD) throw new MalformedFrameError('game event over 4096 bytes');
      return w.u32(msg.tick).u8(msg.eventType).bytes(msg.payload).finish();
    case 'MATCH_STATUS':
      return w.u8(msg.phase).u8(msg.minPlayers).u64(msg.phaseEndsAtMs).finish();
  }
}

type Decoder = (r: ByteReader) => Message;

const DECODERS: Record<number, Decoder> = {
  [MessageCode.INPUT]: (r) => {
    const seq = r.u32('seq');
    const ackTick = r.u32('ackTick');
    const payload = r.rest();
    if (payload.length > MAX_INPUT_PAYLOAD) throw new MalformedFrameError('input payload over 64 bytes');
    return { type: 'INPUT', seq, ackTick, payload };
  },
  [MessageCode.ACK]: (r) => ({ type: 'ACK', tick: r.u32('tick') }),
  [MessageCode.RESYNC_REQUEST]: () => ({ type: 'RESYNC_REQUEST' }),
  [MessageCode.CHAT]: (r) => {
    checkTextLength(new Uint8Array(r.remaining), 1, MAX_CHAT_BYTES, 'chat text');
    return { type: 'CHAT', text: r.restText('chat text') };
  },
  [MessageCode.PING]: (r) => ({ type: 'PING', nonce: r.u32('nonce') }),
  [MessageCode.TOKEN_REFRESH]: (r) => {
    checkTextLength(new Uint8Array(r.remaining), 1, MAX_TOKEN_BYTES, 'token');
    return { type: 'TOKEN_REFRESH', token: r.restText('token') };
  },
  [MessageCode.LEAVE]: () => ({ type: 'LEAVE' }),
  [MessageCode.WELCOME]: (r) => {
    const version = r.u8('version');
    const seat = r.u8('seat');
    const entityId = r.u16('entityId');
    const tickRate = r.u8('tickRate');
    const capacity = r.u8('capacity');
    const historyTicks = r.u8('historyTicks');
    const flags = r.u8('flags');
    if (flags & ~1) throw new MalformedFrameError('unknown WELCOME flags');
    const tick = r.u32('tick');
    const serverTimeMs = r.u64('serverTimeMs');
    const checksum = r.u32('checksum');
    const reconnectGraceMs = r.u32('reconnectGraceMs');
    const silenceTimeoutMs = r.u32('silenceTimeoutMs');
    const gameId = r.str8('gameId');
    const settings = r.bytes(r.u16('settings length'), 'settings');
    if (settings.length > MAX_GAME_SETTINGS) throw new MalformedFrameError('game settings over 1024 bytes');
    const snapshot = r.rest();
    return {
      type: 'WELCOME',
      version,
      seat,
      entityId,
      tickRate,
      capacity,
      historyTicks,
      resumed: (flags & 1) !== 0,
      tick,
      serverTimeMs,
      checksum,
      reconnectGraceMs,
      silenceTimeoutMs,
      gameId,
      settings,
      snapshot,
    };
  },
  [MessageCode.STATE]: (r) => {
    const tick = r.u32('tick');
    const serverTimeMs = r.u64('serverTimeMs');
    const baselineTick = r.u32('baselineTick');
    const lastInputSeq = r.u32('lastInputSeq');
    const rttMs = r.u16('rttMs');
    const checksum = r.u32('checksum');
    const body = r.rest();
    if (body.length === 0) throw new MalformedFrameError('empty STATE body');
    if (baselineTick !== 0 && baselineTick >= tick) throw new MalformedFrameError('baselineTick not below tick');
    return { type: 'STATE', tick, serverTimeMs, baselineTick, lastInputSeq, rttMs, checksum, body };
  },
  [MessageCode.PONG]: (r) => ({ type: 'PONG', nonce: r.u32('nonce'), serverTimeMs: r.u64('serverTimeMs') }),
  [MessageCode.CHAT_RELAY]: (r) => {
    const seat = r.u8('seat');
    checkTextLength(new Uint8Array(r.remaining), 1, MAX_CHAT_BYTES, 'chat text');
    return { type: 'CHAT_RELAY', seat, text: r.restText('chat text') };
  },
  [MessageCode.ROSTER]: (r) => {
    const count = r.u8('count');
    const seats: RosterSeat[] = [];
    for (let i = 0; i < count; i++) {
      const seat = r.u8('seat');
      const playerId = bytesToUuid(r.bytes(16, 'playerId'));
      const name = r.str8('name');
      const liveness = r.u8('liveness');
      seats.push({ seat, playerId, name, liveness });
    }
    return { type: 'ROSTER', seats };
  },
  [MessageCode.MATCH_END]: (r) => {
    const durationMs = r.u32('durationMs');
    const count = r.u8('count');
    const results: PlayerResult[] = [];
    for (let i = 0; i < count; i++) {
      results.push({ seat: r.u8('seat'), score: r.i32('score'), placement: r.u8('placement') });
    }
    return { type: 'MATCH_END', durationMs, results };
  },
  [MessageCode.TOKEN_ACCEPTED]: (r) => ({ type: 'TOKEN_ACCEPTED', expiresAtMs: r.u64('expiresAtMs') }),
  [MessageCode.GAME_EVENT]: (r) => {
    const tick = r.u32('tick');
    const eventType = r.u8('eventType');
    const payload = r.rest();
    if (payload.length > MAX_EVENT_PAYLOAD) throw new MalformedFrameError('game event over 4096 bytes');
    return { type: 'GAME_EVENT', tick, eventType, payload };
  },
  [MessageCode.MATCH_STATUS]: (r) => {
    const phase = r.u8('phase');
    const minPlayers = r.u8('minPlayers');
    const phaseEndsAtMs = r.u64('phaseEndsAtMs');
    if (phase > MatchPhase.INTERMISSION || minPlayers === 0) throw new MalformedFrameError('MATCH_STATUS out of range');
    return { type: 'MATCH_STATUS', phase, minPlayers, phaseEndsAtMs };
  },
};

/** Decodes one frame of either direction; throws MalformedFrameError on anything the protocol rejects. */
export function decode(frame: Uint8Array): Message {
  if (frame.length === 0) throw new MalformedFrameError('empty frame');
  const r = new ByteReader(frame);
  const code = r.u8('type');
  const decoder = DECODERS[code];
  if (!decoder) throw new MalformedFrameError(`unknown message type 0x${code.toString(16)}`);
  const msg = decoder(r);
  r.end(msg.type);
  return msg;
}

/** Decodes a frame from the server; a client-direction code is malformed here. */
export function decodeServer(frame: Uint8Array): ServerMessage {
  if (frame.length > MAX_SERVER_FRAME) throw new MalformedFrameError('server frame over 1 MiB');
  if (frame.length > 0 && frame[0] < 0x80) throw new MalformedFrameError('client message type from the server');
  return decode(frame) as ServerMessage;
}

/** Encodes a frame for the server. */
export function encodeClient(msg: ClientMessage): Uint8Array {
  const frame = encode(msg);
  if (frame.length > MAX_CLIENT_FRAME) throw new MalformedFrameError('client frame over 16384 bytes');
  return frame;
}
