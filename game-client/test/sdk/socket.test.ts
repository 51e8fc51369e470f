import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomSocket } from '../../src/sdk/room/socket';

/** Behaves like a browser's WebSocket where it matters here: close codes and a close event that waits for the server. */
class BrowserLikeWebSocket {
  static readonly OPEN = 1;
  static last: BrowserLikeWebSocket;
  readyState = 1;
  binaryType = 'blob';
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;

  constructor() {
    BrowserLikeWebSocket.last = this;
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new DOMException(`The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
    }
    this.readyState = 2; // CLOSING: no close event until the server answers, which a dead network never does
    this.closedWith = { code, reason };
  }
}

describe('room socket closes', () => {
  const closes: [number, string][] = [];
  let socket: RoomSocket;

  beforeEach(() => {
    vi.stubGlobal('WebSocket', BrowserLikeWebSocket);
    closes.length = 0;
    socket = new RoomSocket('ws://host/ws/rooms/r', 'jwt', {
      open: () => {},
      message: () => {},
      close: (code, reason) => closes.push([code, reason]),
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('reports a close it starts at once, without waiting for the closing handshake', () => {
    socket.close(4999, 'simulated network drop');
    expect(closes).toEqual([[4999, 'simulated network drop']]);
    expect(BrowserLikeWebSocket.last.closedWith).toEqual({ code: 4999, reason: 'simulated network drop' });
    BrowserLikeWebSocket.last.onclose?.({ code: 1006, reason: '' });
    expect(closes).toHaveLength(1);
  });

  it('answers a text frame with a close the browser accepts, and stops (1003)', () => {
    expect(() => BrowserLikeWebSocket.last.onmessage?.({ data: 'hello' })).not.toThrow();
    expect(closes).toEqual([[1003, 'binary frames only']]);
    expect(BrowserLikeWebSocket.last.closedWith).toEqual({ code: undefined, reason: undefined });
  });

  it('closes on a malformed server frame and reports it as a drop (1006)', () => {
    expect(() => BrowserLikeWebSocket.last.onmessage?.({ data: new Uint8Array([0x7f]).buffer })).not.toThrow();
    expect(closes).toEqual([[1006, 'malformed server frame']]);
    expect(BrowserLikeWebSocket.last.closedWith).not.toBeNull();
  });
});
