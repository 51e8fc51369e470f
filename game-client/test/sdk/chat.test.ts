import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatDraft, clipUtf8, RoomClient, utf8Length, type WorldState } from '../../src/sdk';
import { admit, FakeWebSocket, installFakeServer, signedIn, uninstallFakeServer } from '../support/fake-server';
import { testGame, world } from '../support/test-game';

/** 71 Chinese characters: 213 bytes of UTF-8, over the 200 a chat line may have. */
const LONG_CHINESE = '今天我们在竞技场里一起收集光球吧谁先拿到最多谁就赢'.repeat(3).slice(0, 71);
const GAME_PAD = '🎮'; // U+1F3AE: 4 bytes, a surrogate pair in UTF-16
const FAMILY = '👨‍👩‍👧'; // one character of three emoji joined by U+200D: 18 bytes

const bytes = (s: string) => new TextEncoder().encode(s).length;
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('chat lines in UTF-8 bytes', () => {
  it('measures text as UTF-8 does', () => {
    for (const s of ['', 'gl hf', 'Zoë', LONG_CHINESE, GAME_PAD.repeat(3), FAMILY, 'a\uD800b']) expect(utf8Length(s)).toBe(bytes(s));
    expect(LONG_CHINESE).toHaveLength(71);
    expect(utf8Length(LONG_CHINESE)).toBe(213);
  });

  it('cuts a 71-character Chinese line to the 66 whole characters that fit in 200 bytes', () => {
    const draft = chatDraft(LONG_CHINESE);
    expect(draft).toEqual({ text: LONG_CHINESE.slice(0, 66), bytes: 198, remaining: 2, clipped: true });
    expect(draft.text + '好').toHaveLength(67);
    expect(utf8Length(draft.text + '好')).toBe(201);
  });

  it('keeps emoji whole: 50 fill 200 bytes exactly, one more byte drops the last emoji, never half a surrogate pair', () => {
    expect(chatDraft(GAME_PAD.repeat(50))).toEqual({ text: GAME_PAD.repeat(50), bytes: 200, remaining: 0, clipped: false });
    const cut = chatDraft('a' + GAME_PAD.repeat(50));
    expect(cut).toMatchObject({ text: 'a' + GAME_PAD.repeat(49), bytes: 197, clipped: true });
    expect(hasLoneSurrogate(cut.text)).toBe(false);
  });

  it('never splits a character made of several emoji', () => {
    const line = 'x'.repeat(190) + FAMILY;
    expect(clipUtf8(line, 200)).toBe('x'.repeat(190));
  });

  it('leaves a line that fits untouched', () => {
    expect(chatDraft('gl hf 🎮')).toEqual({ text: 'gl hf 🎮', bytes: 10, remaining: 190, clipped: false });
  });
});

describe('RoomClient.sendChat', () => {
  beforeEach(() => void installFakeServer());
  afterEach(uninstallFakeServer);

  function joined() {
    const room = new RoomClient<number, WorldState>({ roomId: 'room-7', auth: signedIn(), game: testGame });
    room.start();
    admit(FakeWebSocket.last(), world(1));
    return { room, socket: FakeWebSocket.last() };
  }

  it('refuses a line over 200 bytes without throwing, and sends nothing', () => {
    const { room, socket } = joined();
    expect(() => room.sendChat(LONG_CHINESE)).not.toThrow();
    expect(room.sendChat(LONG_CHINESE)).toBe('too-long');
    expect(room.sendChat(GAME_PAD.repeat(51))).toBe('too-long');
    expect(socket.types()).not.toContain('CHAT');
  });

  it('sends a line of 200 bytes, Chinese or emoji, trimmed', () => {
    const { room, socket } = joined();
    expect(room.sendChat(` ${LONG_CHINESE.slice(0, 66)} `)).toBe('sent');
    expect(room.sendChat(GAME_PAD.repeat(50))).toBe('sent');
    expect(socket.sentOf('CHAT').map((m) => m.text)).toEqual([LONG_CHINESE.slice(0, 66), GAME_PAD.repeat(50)]);
  });

  it('sends nothing for a blank line or before the room let the player in', () => {
    const { room, socket } = joined();
    expect(room.sendChat('   ')).toBe('empty');
    const early = new RoomClient<number, WorldState>({ roomId: 'room-8', auth: signedIn(), game: testGame });
    early.start();
    expect(early.sendChat('hello')).toBe('offline');
    expect(socket.types()).not.toContain('CHAT');
    expect(FakeWebSocket.last().sent).toEqual([]);
  });
});
