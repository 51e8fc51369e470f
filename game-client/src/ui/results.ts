/** After a match: the MATCH_END results, and the leaderboard and match history pages. */
import { lobby, NOT_AVAILABLE, type AuthSession, type MatchEnd } from '../sdk';
import { errorText } from './auth';
import { h, jsonTable } from './dom';

export interface ResultsActions {
  lobby(): void;
  leaderboard(): void;
  history(): void;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

export function matchEndScreen(end: MatchEnd, mySeat: number | null, nameOf: (seat: number) => string, actions: ResultsActions): HTMLElement {
  const mine = end.results.find((r) => r.seat === mySeat);
  const headline = mine ? (mine.placement === 1 ? 'You win!' : `You placed ${ordinal(mine.placement)}`) : 'Match over';
  const minutes = Math.floor(end.durationMs / 60000);
  const seconds = Math.round((end.durationMs % 60000) / 1000);
  return h(
    'main',
    { className: 'screen results', id: 'match-end' },
    h('header', { className: 'hero' }, h('h1', {}, headline), h('p', { className: 'muted' }, `Match length ${minutes}:${String(seconds).padStart(2, '0')}`)),
    h(
      'section',
      { className: 'card' },
      h(
        'table',
        { className: 'table results-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Place'), h('th', {}, 'Player'), h('th', {}, 'Score'))),
        h(
          'tbody',
          {},
          ...[...end.results]
            .sort((a, b) => a.placement - b.placement)
            .map((r) =>
              h('tr', { className: r.seat === mySeat ? 'me' : '' }, h('td', {}, ordinal(r.placement)), h('td', {}, nameOf(r.seat)), h('td', {}, String(r.score))),
            ),
        ),
      ),
      h(
        'div',
        { className: 'row' },
        h('button', { className: 'primary', id: 'back-to-lobby', onclick: () => actions.lobby() }, 'Back to lobby'),
        h('button', { onclick: () => actions.leaderboard() }, 'Leaderboard'),
        h('button', { onclick: () => actions.history() }, 'My matches'),
      ),
    ),
  );
}

/** How a list page turns the loaded JSON into a table. */
type Render = (data: unknown) => HTMLElement;
type Row = Record<string, unknown>;

/** A page that loads one optional endpoint and shows it, or a friendly note when the server does not offer it. */
export function listScreen(title: string, load: () => Promise<unknown>, back: () => void, render: Render = jsonTable): HTMLElement {
  const body = h('div', {}, h('p', { className: 'muted' }, 'Loading…'));
  load()
    .then((data) => {
      body.replaceChildren(
        data === NOT_AVAILABLE ? h('p', { className: 'muted', id: 'not-available' }, `${title} is not available yet on this server.`) : render(data),
      );
    })
    .catch((e) => body.replaceChildren(h('p', { className: 'error' }, errorText(e))));
  return h(
    'main',
    { className: 'screen list' },
    h('header', { className: 'bar' }, h('h1', {}, title), h('nav', {}, h('button', { className: 'link', onclick: back }, 'Back'))),
    h('section', { className: 'card' }, body),
  );
}

function columns(rows: Row[], cols: [string, (r: Row) => string][], mine?: (r: Row) => boolean): HTMLElement {
  if (rows.length === 0) return h('p', { className: 'muted' }, 'Nothing here yet.');
  return h(
    'table',
    { className: 'table' },
    h('thead', {}, h('tr', {}, ...cols.map(([title]) => h('th', {}, title)))),
    h('tbody', {}, ...rows.map((r) => h('tr', { className: mine?.(r) ? 'me' : '' }, ...cols.map(([, cell]) => h('td', {}, cell(r)))))),
  );
}

const rowsOf = (data: unknown): Row[] => (Array.isArray(data) ? data.filter((r): r is Row => typeof r === 'object' && r !== null) : []);

/** GET /api/leaderboard: rank, name, wins, total score, matches played. */
export function leaderboardTable(me: string): Render {
  return (data) =>
    columns(
      rowsOf(data),
      [
        ['#', (r) => String(r.rank ?? '')],
        ['Player', (r) => String(r.name ?? '')],
        ['Wins', (r) => String(r.wins ?? 0)],
        ['Score', (r) => String(r.totalScore ?? 0)],
        ['Matches', (r) => String(r.matchesPlayed ?? 0)],
      ],
      (r) => r.playerId === me,
    );
}

/** GET /api/matches?player=me: when, game, my placement and score, how many played. */
export function historyTable(me: string): Render {
  const myResult = (r: Row) => rowsOf(r.players).find((p) => p.playerId === me) ?? {};
  return (data) =>
    columns(rowsOf(data), [
      ['Ended', (r) => (typeof r.endedAt === 'string' ? new Date(r.endedAt).toLocaleString() : '')],
      ['Game', (r) => String(r.game ?? '')],
      ['Place', (r) => (myResult(r).placement ? ordinal(Number(myResult(r).placement)) : '')],
      ['Score', (r) => String(myResult(r).score ?? '')],
      ['Players', (r) => String(rowsOf(r.players).length)],
    ]);
}

export const loaders = {
  leaderboard: (auth: AuthSession, game: string) => () => lobby.leaderboard(game, auth),
  history: (auth: AuthSession) => () => lobby.matches(auth.playerId, auth),
};
