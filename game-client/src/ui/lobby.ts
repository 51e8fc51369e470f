/** The lobby: the open rooms (refreshed every few seconds), Join per room, and Quick Play. */
import { lobby, type AuthSession, type RoomInfo } from '../sdk';
import { errorText } from './auth';
import { clear, h } from './dom';
import type { GameInfo } from './game-info';

const REFRESH_MS = 3000;

export interface LobbyActions {
  join(roomId: string, wsUrl?: string): void;
  leaderboard(): void;
  history(): void;
  signOut(): void;
}

/** Returns the screen and a function that stops its refresh timer. */
export function lobbyScreen(auth: AuthSession, game: GameInfo, actions: LobbyActions, notice = ''): [HTMLElement, () => void] {
  const list = h('div', { className: 'rooms' }, h('p', { className: 'muted' }, 'Loading rooms…'));
  const error = h('p', { className: 'error', role: 'alert' }, notice);
  const quick = h('button', { id: 'quick-play', className: 'primary big' }, 'Quick Play');

  quick.addEventListener('click', async () => {
    quick.disabled = true;
    error.textContent = '';
    try {
      const room = await lobby.quickPlay(auth, game.id);
      actions.join(room.roomId, room.wsUrl);
    } catch (e) {
      error.textContent = errorText(e);
      quick.disabled = false;
    }
  });

  function show(rooms: RoomInfo[]) {
    clear(list);
    if (rooms.length === 0) {
      list.append(h('p', { className: 'muted' }, 'No rooms yet. Quick Play starts one.'));
      return;
    }
    list.append(
      h(
        'table',
        { className: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Room'), h('th', {}, 'Game'), h('th', {}, 'Players'), h('th', {}, 'Status'), h('th', {}))),
        h(
          'tbody',
          {},
          ...rooms.map((r) => {
            const full = r.players >= r.capacity;
            return h(
              'tr',
              {},
              h('td', { className: 'mono' }, r.roomId),
              h('td', {}, r.game),
              h('td', {}, `${r.players} / ${r.capacity}`),
              h('td', {}, h('span', { className: `badge ${r.status.toLowerCase()}` }, r.status.toLowerCase())),
              h(
                'td',
                {},
                h('button', { className: 'join', 'data-room': r.roomId, disabled: full, onclick: () => actions.join(r.roomId, r.wsUrl) }, full ? 'Full' : 'Join'),
              ),
            );
          }),
        ),
      ),
    );
  }

  let stopped = false;
  async function refresh() {
    try {
      show(await lobby.rooms());
    } catch (e) {
      clear(list);
      list.append(h('p', { className: 'error' }, `Rooms are not available: ${errorText(e)}`));
    }
  }
  void refresh();
  const timer = setInterval(() => !stopped && void refresh(), REFRESH_MS);

  const screen = h(
    'main',
    { className: 'screen lobby' },
    h(
      'header',
      { className: 'bar' },
      h('h1', {}, game.title),
      h(
        'nav',
        {},
        h('span', { className: 'who' }, `Signed in as `, h('strong', {}, auth.name)),
        h('button', { className: 'link', onclick: () => actions.leaderboard() }, 'Leaderboard'),
        h('button', { className: 'link', onclick: () => actions.history() }, 'My matches'),
        h('button', { className: 'link', id: 'sign-out', onclick: () => actions.signOut() }, 'Sign out'),
      ),
    ),
    h('section', { className: 'card quick' }, h('h2', {}, 'Ready?'), h('p', { className: 'muted' }, game.quickPlayHint), quick),
    error,
    h('section', { className: 'card' }, h('h2', {}, 'Rooms'), list),
  );
  return [
    screen,
    () => {
      stopped = true;
      clearInterval(timer);
    },
  ];
}
