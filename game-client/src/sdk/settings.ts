/**
 * Numbers the server decides and the client must act on. Each is a copy of the server's default, used until the
 * server sends it in WELCOME (issue 20); replacing one is then one edit here. A RoomClient may be given others
 * (RoomClientOptions.settings), e.g. by a test that sets the deadlines it depends on.
 */
export interface ServerSettings {
  /** quarkade.reconnect.grace: how long the server holds a dropped player's seat; reconnecting stops after it. */
  readonly reconnectGraceMs: number;
  /**
   * quarkade.heartbeat.timeout: an open socket that brought nothing for this long counts as dropped (browsers cannot
   * see WebSocket pings; docs/protocol.md section 13).
   */
  readonly silenceMs: number;
}

export const SERVER_SETTINGS: ServerSettings = {
  // Until the server sends it in WELCOME (issue 20).
  reconnectGraceMs: 20_000,
  // Until the server sends it in WELCOME (issue 20).
  silenceMs: 6000,
};
