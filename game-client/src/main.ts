/**
 * The app shell: which screen is showing, and the one game being played. The screens in ui/ are game-agnostic; the
 * arena (arena/) is the game they lead to. Installs window.quarkade for end-to-end tests (arena/test-hook.ts).
 */
import './style.css';
import { ARENA_INFO } from './arena/game';
import { arenaScreen } from './arena/screen';
import { ArenaSession } from './arena/session';
import { installTestHook } from './arena/test-hook';
import { AuthSession, type MatchEnd } from './sdk';
import { authScreen } from './ui/auth';
import { lobbyScreen } from './ui/lobby';
import { historyTable, leaderboardTable, listScreen, loaders, matchEndScreen } from './ui/results';

class App {
  private auth: AuthSession | null = null;
  private session: ArenaSession | null = null;
  private teardown: (() => void) | null = null;

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    const resumed = await AuthSession.resume();
    if (resumed) this.signedIn(resumed);
    else this.showAuth();
  }

  /** For the test hook: the session being played (null between rooms) and who is signed in. */
  current(): { session: ArenaSession | null; playerId: string } {
    return { session: this.session, playerId: this.auth?.playerId ?? '' };
  }

  private show(screen: HTMLElement, teardown: (() => void) | null = null): void {
    this.teardown?.();
    this.teardown = teardown;
    this.root.replaceChildren(screen);
  }

  private showAuth(): void {
    this.show(authScreen(ARENA_INFO, (auth) => this.signedIn(auth)));
  }

  private signedIn(auth: AuthSession): void {
    this.auth = auth;
    this.showLobby();
  }

  private showLobby(notice = ''): void {
    const auth = this.auth!;
    const [screen, stop] = lobbyScreen(
      auth,
      ARENA_INFO,
      {
        join: (roomId, wsUrl) => this.play(roomId, wsUrl),
        leaderboard: () => this.showLeaderboard(),
        history: () => this.showHistory(),
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

  private showLeaderboard(): void {
    const auth = this.auth!;
    this.showList('Leaderboard', loaders.leaderboard(auth, ARENA_INFO.id), leaderboardTable(auth.playerId));
  }

  private showHistory(): void {
    const auth = this.auth!;
    this.showList('My matches', loaders.history(auth), historyTable(auth.playerId));
  }

  private showList(title: string, load: () => Promise<unknown>, render: (data: unknown) => HTMLElement): void {
    this.show(listScreen(title, load, () => this.showLobby(), render));
  }

  private play(roomId: string, wsUrl?: string): void {
    this.endSession();
    const session = new ArenaSession({ roomId, wsUrl, auth: this.auth! });
    session.room.on('matchEnd', (end) => this.showMatchEnd(session, end));
    session.room.on('ended', ({ message }) => {
      if (this.session !== session) return;
      this.endSession();
      if (message) this.showLobby(message);
    });
    this.session = session;
    const [screen, stop] = arenaScreen(session, () => {
      session.leave();
      this.endSession();
      this.showLobby();
    });
    this.show(screen, stop);
    session.start();
  }

  private showMatchEnd(session: ArenaSession, end: MatchEnd): void {
    const room = session.room;
    this.show(
      matchEndScreen(end, room.seat, (s) => room.nameOfSeat(s), {
        lobby: () => {
          this.endSession();
          this.showLobby();
        },
        leaderboard: () => this.showLeaderboard(),
        history: () => this.showHistory(),
      }),
    );
  }

  private endSession(): void {
    this.session?.releaseControls();
    this.session = null;
  }
}

const app = new App(document.getElementById('app')!);
installTestHook(() => app.current());
void app.start();
