/**
 * The app: which screen is showing, and the one game session. Also exposes window.quarkade, a read-only view of the
 * session for end-to-end tests.
 */
import './style.css';
import { Keyboard } from './arena/keyboard';
import { GameSession, SessionState } from './arena/session';
import { AuthSession } from './sdk/api';
import type { MatchEnd } from './sdk/protocol/codec';
import { arenaScreen } from './arena/screen';
import { authScreen } from './ui/auth';
import { lobbyScreen } from './ui/lobby';
import { historyTable, leaderboardTable, listScreen, loaders, matchEndScreen } from './ui/results';

class App {
  private auth: AuthSession | null = null;
  private session: GameSession | null = null;
  private teardown: (() => void) | null = null;
  private readonly keyboard = new Keyboard();
  private detachKeys: (() => void) | null = null;

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    const resumed = await AuthSession.resume();
    if (resumed) this.signedIn(resumed);
    else this.showAuth();
  }

  private show(screen: HTMLElement, teardown: (() => void) | null = null): void {
    this.teardown?.();
    this.teardown = teardown;
    this.root.replaceChildren(screen);
  }

  private showAuth(): void {
    this.show(authScreen((auth) => this.signedIn(auth)));
  }

  private signedIn(auth: AuthSession): void {
    this.auth = auth;
    this.showLobby();
  }

  private showLobby(notice = ''): void {
    const auth = this.auth!;
    const [screen, stop] = lobbyScreen(
      auth,
      {
        join: (roomId, wsUrl) => this.play(roomId, wsUrl),
        leaderboard: () => this.showList('Leaderboard', loaders.leaderboard(auth), leaderboardTable(auth.playerId)),
        history: () => this.showList('My matches', loaders.history(auth), historyTable(auth.playerId)),
        signOut: () => {
          auth.signOut();
          this.auth = null;
          this.showAuth();
        },
      },
      notice,
    );
    this.show(screen, stop);
  }

  private showList(title: string, load: () => Promise<unknown>, render: (data: unknown) => HTMLElement): void {
    this.show(listScreen(title, load, () => this.showLobby(), render));
  }

  private play(roomId: string, wsUrl?: string): void {
    this.endSession();
    const auth = this.auth!;
    this.detachKeys = this.keyboard.attach();
    const session = new GameSession(roomId, auth, () => this.keyboard.read(), {
      changed: () => {},
      matchEnded: (end) => this.showMatchEnd(session, end),
      ended: (message) => {
        if (this.session !== session) return;
        this.endSession();
        if (message) this.showLobby(message);
      },
    }, wsUrl);
    this.session = session;
    const [screen, stop] = arenaScreen(session, () => {
      session.leave();
      this.endSession();
      this.showLobby();
    });
    this.show(screen, stop);
    session.start();
  }

  private showMatchEnd(session: GameSession, end: MatchEnd): void {
    const auth = this.auth!;
    const seat = session.seat;
    const nameOf = (s: number) => session.nameOfSeat(s);
    this.detachKeys?.();
    this.detachKeys = null;
    this.show(
      matchEndScreen(end, seat, nameOf, {
        lobby: () => {
          this.endSession();
          this.showLobby();
        },
        leaderboard: () => this.showList('Leaderboard', loaders.leaderboard(auth), leaderboardTable(auth.playerId)),
        history: () => this.showList('My matches', loaders.history(auth), historyTable(auth.playerId)),
      }),
    );
  }

  private endSession(): void {
    this.detachKeys?.();
    this.detachKeys = null;
    this.session = null;
  }

  /** For end-to-end tests; the last session stays readable after the match ends. */
  private lastState: SessionState = {
    connected: false,
    roomId: '',
    playerId: '',
    seat: null,
    entityId: null,
    tick: 0,
    players: [],
    reconnecting: false,
    rttMs: null,
  };

  state(): SessionState {
    if (this.session) this.lastState = this.session.state();
    else this.lastState = { ...this.lastState, connected: false, reconnecting: false, playerId: this.auth?.playerId ?? '' };
    return structuredClone(this.lastState);
  }

  dropConnection(): void {
    this.session?.dropConnection();
  }
}

declare global {
  interface Window {
    quarkade: {
      readonly state: () => SessionState;
      readonly debug: { readonly dropConnection: () => void };
    };
  }
}

const app = new App(document.getElementById('app')!);
Object.defineProperty(window, 'quarkade', {
  value: Object.freeze({
    state: () => app.state(),
    debug: Object.freeze({ dropConnection: () => app.dropConnection() }),
  }),
  writable: false,
  configurable: false,
});
void app.start();
