/**
 * The WebSocket to one room. Binary frames only; the access token travels in the subprotocol list (browsers cannot
 * set an Authorization header on a WebSocket), never in the URL.
 */
import { ClientMessage, decodeServer, encodeClient, MalformedFrameError, ServerMessage } from './codec';

export const BEARER_CARRIER = 'bearer-token-carrier';

/** The subprotocols that carry `Authorization: Bearer <jwt>` through the upgrade (docs/protocol.md section 2). */
export function authSubprotocols(jwt: string): string[] {
  return [BEARER_CARRIER, `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${jwt}`)}`];
}

export function roomUrl(roomId: string, loc: { protocol: string; host: string } = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws/rooms/${encodeURIComponent(roomId)}`;
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

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
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
      this.close(1007, 'malformed server frame');
      // The server did nothing the user can fix; report it as a drop so the session reconnects later.
      this.finish(1006, 'malformed server frame');
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
