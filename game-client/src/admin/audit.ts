/** The console's audit views: connections searched by player or room (paged), and the latest admin actions. */
import { h } from '../ui/dom';
import type { AdminApi, ConnectionRow } from './api';

const PAGE_SIZE = 10;

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export class AuditPanel {
  readonly element: HTMLElement;
  readonly actionsElement: HTMLElement;
  private readonly player = h('input', { id: 'search-player', placeholder: 'Player id' });
  private readonly room = h('input', { id: 'search-room', placeholder: 'Room id' });
  private readonly results = h('div', { id: 'search-results' });
  private readonly actions = h('div', { id: 'admin-actions' });
  private page = 0;

  constructor(private readonly admin: AdminApi) {
    const form = h('form', { className: 'row' }, this.player, this.room, h('button', { className: 'primary', type: 'submit' }, 'Search'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.page = 0;
      void this.load();
    });
    this.element = h('section', { className: 'card' }, h('h2', {}, 'Connection audit'), form, this.results);
    this.actionsElement = h('section', { className: 'card' }, h('h2', {}, 'Admin actions'), this.actions);
  }

  search(filter: { player?: string; room?: string }): void {
    this.player.value = filter.player ?? '';
    this.room.value = filter.room ?? '';
    this.page = 0;
    void this.load();
    this.element.scrollIntoView({ behavior: 'smooth' });
  }

  async refreshActions(): Promise<void> {
    try {
      const rows = await this.admin.actions(0, 8);
      this.actions.replaceChildren(
        rows.length === 0
          ? h('p', { className: 'muted' }, 'No admin action yet.')
          : h(
              'table',
              { className: 'table' },
              h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Action'), h('th', {}, 'Target'), h('th', {}, 'Reason'))),
              h('tbody', {}, ...rows.map((a) => h('tr', {}, h('td', {}, time(a.at)), h('td', {}, a.action), h('td', { className: 'mono' }, a.target), h('td', {}, a.reason)))),
            ),
      );
    } catch (e) {
      this.actions.replaceChildren(h('p', { className: 'error' }, String(e)));
    }
  }

  private async load(): Promise<void> {
    const filter = { player: this.player.value.trim(), room: this.room.value.trim() };
    try {
      const rows = await this.admin.connections(filter, this.page, PAGE_SIZE);
      this.results.replaceChildren(this.table(rows), this.pager(rows.length));
    } catch (e) {
      this.results.replaceChildren(h('p', { className: 'error' }, e instanceof Error ? e.message : String(e)));
    }
  }

  private table(rows: ConnectionRow[]): HTMLElement {
    if (rows.length === 0) return h('p', { className: 'muted' }, 'No connections found.');
    return h(
      'table',
      { className: 'table' },
      h('thead', {}, h('tr', {}, ...['Player', 'Room', 'Opened', 'Closed', 'Code', 'Reason'].map((c) => h('th', {}, c)))),
      h(
        'tbody',
        {},
        ...rows.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, c.playerName ?? c.playerId),
            h('td', { className: 'mono' }, c.roomId),
            h('td', {}, time(c.openedAt)),
            h('td', {}, c.closedAt ? time(c.closedAt) : h('span', { className: 'chip connected' }, 'open')),
            h('td', {}, c.closeCode ?? ''),
            h('td', {}, c.closeReason ?? ''),
          ),
        ),
      ),
    );
  }

  private pager(count: number): HTMLElement {
    const prev = h('button', { className: 'small', disabled: this.page === 0 }, '← Newer');
    const next = h('button', { className: 'small', disabled: count < PAGE_SIZE }, 'Older →');
    prev.addEventListener('click', () => {
      this.page--;
      void this.load();
    });
    next.addEventListener('click', () => {
      this.page++;
      void this.load();
    });
    return h('div', { className: 'row pager' }, prev, h('span', { className: 'muted' }, `page ${this.page + 1}`), next);
  }
}
