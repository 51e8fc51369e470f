/**
 * The WebSocket to one room. Binary frames only; the access token travels in the subprotocol list (browsers cannot
 * set an Authorization header on a WebSocket), never in the URL.
 */
import { ClientMessage, decodeServer, encodeClient, MalformedFrameError, ServerMessage } from '../protocol/codec';

export const BEARER_CARRIER = 'bearer-token-carrier';

/** The subprotocols that carry `Authorization: Bearer <jwt>` through the upgrade (docs/protocol.md section 2). */
export function authSubprotocols(jwt: string): string[] {
  return [BEARER_CARRIER, `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${jwt}`)}`];
}

export function roomUrl(roomId: string, loc: { protocol: string; host: string } = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws/rooms/${encodeURIComponent(roomId)}`;
}

/**
 * Where to open the room's WebSocket: the server's wsUrl when it points at another host (in a cluster, the node that
 * runs the room); the page's own host otherwise, with the page's scheme (a single node behind a TLS proxy may not
 * know it is reached over https).
 */
export function socketUrl(roomId: string, wsUrl?: string, loc: { protocol: string; host: string } = location): string {
  if (!wsUrl) return roomUrl(roomId, loc);
  try {
    if (new URL(wsUrl).host === loc.host) return roomUrl(roomId, loc);
  } catch {
    return roomUrl(roomId, loc);
  }
  return wsUrl;
}

/**
 * A browser may only send close code 1000 or 3000-4999 (others throw InvalidAccessError), so the protocol's 1003 and
 * 1007 go out as a close without a code; the session still acts on the code we meant.
 */
function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  if (code === 1000 || (code >= 3000 && code <= 4999)) ws.close(code, reason);
  else ws.close();
}

export interface SocketHandlers {
  open(): void;
  message(msg: ServerMessage): void;
  close(code: number, reason: string): void;
}

export class RoomSocket {
  private readonly ws: WebSocket;
  private closed = false;

  constructor(url: string, jwt: string, private readonly handlers: SocketHandlers) {
    this.ws = new WebSocket(url, authSubprotocols(jwt));
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => handlers.open();
    this.ws.onmessage = (ev) => this.onMessage(ev);
    this.ws.onclose = (ev) => this.finish(ev.code, ev.reason);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(msg: ClientMessage): void {
    if (this.isOpen) this.ws.send(encodeClient(msg));
  }

  /**
   * Closes and reports the close at once. The browser's close event waits for the server's answer to the closing
   * handshake, which a dead network never sends: Chromium then waits about a minute, longer than the grace window
   * the server holds the seat for, and the session would not start reconnecting until then.
   */
  close(code = 1005, reason = ''): void {
    this.finish(code, reason);
    closeQuietly(this.ws, code, reason);
  }

  private onMessage(ev: MessageEvent): void {
    if (!(ev.data instanceof ArrayBuffer)) {
      this.close(1003, 'binary frames only');
      return;
    }
    let msg: ServerMessage;
    try {
      msg = decodeServer(new Uint8Array(ev.data));
    } catch (e) {
      if (!(e instanceof MalformedFrameError)) throw e;
      // The server did nothing the user can fix; report it as a drop so the session reconnects later.
      this.finish(1006, 'malformed server frame');
      closeQuietly(this.ws, 1007, 'malformed server frame');
      return;
    }
    this.handlers.message(msg);
  }

  /** Reports the close once, whether it came from the browser or was decided here. */
  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
    this.handlers.close(code, reason);
  }
}
