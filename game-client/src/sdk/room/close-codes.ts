/** What to do when the room socket closes (docs/protocol.md section 12), and words for the user when it ends the game. */

export type CloseAction = 'reconnect' | 'refresh-then-reconnect' | 'stop';

/** The code the client uses when it drops the connection on purpose to test resuming (debug.dropConnection). */
export const SIMULATED_DROP = 4999;

const STOP_CODES = new Set([1000, 1003, 1007, 1009, 4001, 4002, 4003]);

export function closeAction(code: number, reason: string): CloseAction {
  if (code === 1008) {
    // A token that expired can be replaced; rate limits, revocation and kicks need the user.
    return /expired/i.test(reason) ? 'refresh-then-reconnect' : 'stop';
  }
  if (STOP_CODES.has(code)) return 'stop';
  // 1001, 1011, 1012, 4000, a network drop (1006 / 1005), SIMULATED_DROP and anything unknown.
  return 'reconnect';
}

/** Words for the user about a close that ends the game in this room. */
export function closeMessage(code: number, reason: string): string {
  switch (code) {
    case 1000:
      return 'The game is over.';
    case 1008:
      return reason ? `Disconnected by the server: ${reason}.` : 'Disconnected by the server.';
    case 4001:
      return 'You joined this room from another tab or device.';
    case 4002:
      return 'The room was closed.';
    case 4003:
      return 'Your seat was given up after you were away too long.';
    case 1003:
    case 1007:
    case 1009:
      return 'The client and server disagree on the protocol; please reload the page.';
    default:
      return reason || `Connection closed (${code}).`;
  }
}
