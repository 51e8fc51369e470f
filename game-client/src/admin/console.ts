/**
 * The signed-in console: the live room list from the feed, one room's charts and players with close and kick, the
 * connection audit search and the latest admin actions.
 */
import { ApiError } from '../sdk';
import { h } from '../ui/dom';
import type { AdminApi, Feed, RoomSnapshot } from './api';
import { AuditPanel } from './audit';
import { TimeChart } from './charts';
import { RoomHistory } from './history';

const RECONNECT_MS = 2000;

export function formatBytes(perSecond: number): string {
  if (perSecond < 1024) return `${perSecond} B/s`;
  if (perSecond < 1024 * 1024) return `${(perSecond / 1024).toFixed(1)} KB/s`;
  return `${(perSecond / 1024 / 1024).toFixed(2)} MB/s`;
}

export class Console {
  readonly element: HTMLElement;
  private readonly history = new RoomHistory();
  private readonly roomsBody = h('tbody');
  private readonly roomCount = h('span', { className: 'badge' }, '0');
  private readonly live = h('span', { className: 'live', id: 'feed-state' }, 'connecting…');
  private readonly detail = h('section', { className: 'card detail', id: 'room-detail' });
  private readonly audit: AuditPanel;
  private feed: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private selected: string | null = null;
  private latest: Feed = { at: 0, rooms: [] };
  private charts: TimeChart[] = [];
  private playersBody: HTMLElement | null = null;
  private detailHead: HTMLElement | null = null;

  constructor(
    private readonly admin: AdminApi,
    signOut: () => void,
  ) {
    this.audit = new AuditPanel(admin);
    this.element = h(
      'div',
      { className: 'screen console' },
      h(
        'header',
        { className: 'bar' },
        h('h1', {}, 'Quarkade ', h('span', { className: 'muted' }, 'operator console')),
        h('nav', {}, this.live, h('span', { className: 'who' }, admin.name), h('button', { onclick: signOut }, 'Sign out')),
      ),
      h(
        'section',
        { className: 'card' },
        h('h2', {}, 'Live rooms ', this.roomCount),
        h(
          'table',
          { className: 'table rooms-live', id: 'live-rooms' },
          h('thead', {}, h('tr', {}, ...['Room', 'Game', 'Status', 'Players', 'Tick p99', 'Sent', 'Who'].map((c) => h('th', {}, c)))),
          this.roomsBody,
        ),
      ),
      this.detail,
      h('div', { className: 'cards' }, this.audit.element, this.audit.actionsElement),
    );
    this.renderDetail();
  }

  start(): void {
    void this.connect();
    void this.audit.refreshActions();
  }

  stop(): void {
    this.stopped = true;
    this.feed?.close();
    if (this.retry) clearTimeout(this.retry);
    this.charts.forEach((c) => c.destroy());
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const feed = await this.admin.openFeed();
      this.feed = feed;
      feed.onopen = () => this.setLive(true);
      feed.onmessage = (e) => this.onFeed(JSON.parse(e.data) as Feed);
      // The stream ends when the access token behind its ticket expires, and a ticket works once: an EventSource's
      // own retry would be refused, so every error means a new ticket.
      feed.onerror = () => {
        feed.close();
        this.setLive(false);
        this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
      };
    } catch {
      this.setLive(false);
      this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    }
  }

  private setLive(on: boolean): void {
    this.live.className = on ? 'live on' : 'live';
    this.live.textContent = on ? 'live' : 'reconnecting…';
  }

  private onFeed(feed: Feed): void {
    this.latest = feed;
    this.history.push(feed);
    this.live.textContent = `live · ${new Date(feed.at).toLocaleTimeString()}`;
    this.renderRooms();
    if (this.selected === null && feed.rooms.length > 0) this.select(feed.rooms[0].roomId);
    else this.updateDetail();
  }

  private renderRooms(): void {
    this.roomCount.textContent = String(this.latest.rooms.length);
    if (this.latest.rooms.length === 0) {
      this.roomsBody.replaceChildren(h('tr', {}, h('td', { colspan: 7, className: 'muted' }, 'No open rooms.')));
      return;
    }
    this.roomsBody.replaceChildren(
      ...this.latest.rooms.map((r) =>
        h(
          'tr',
          { 'data-room': r.roomId, className: r.roomId === this.selected ? 'selected' : '', onclick: () => this.select(r.roomId) },
          h('td', { className: 'mono' }, r.roomId),
          h('td', {}, r.game),
          h('td', {}, h('span', { className: `badge status-${r.status}` }, r.status)),
          h('td', {}, `${r.players.length} / ${r.capacity}`),
          h('td', {}, `${r.tickP99Ms.toFixed(2)} ms`),
          h('td', {}, formatBytes(r.bytesPerSecond)),
          h('td', { className: 'who-list' }, ...r.players.map((p) => h('span', { className: `chip ${p.liveness}`, title: p.liveness }, p.name))),
        ),
      ),
    );
  }

  private select(roomId: string): void {
    this.selected = roomId;
    this.renderRooms();
    this.renderDetail();
  }

  private room(): RoomSnapshot | undefined {
    return this.latest.rooms.find((r) => r.roomId === this.selected);
  }

  /** Builds the detail panel once per selection; feed events then only update its numbers, charts and players. */
  private renderDetail(): void {
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    const room = this.room();
    if (!room) {
      this.detail.replaceChildren(h('h2', {}, 'Room'), h('p', { className: 'muted' }, 'Pick a room above to see its players and charts.'));
      this.playersBody = null;
      return;
    }
    const reason = h('input', { id: 'action-reason', placeholder: 'Reason (shown to a kicked player)', maxlength: 120 });
    const message = h('p', { className: 'error', id: 'action-message' });
    const closeButton = h('button', { className: 'danger', id: 'close-room' }, 'Close room');
    closeButton.addEventListener('click', () =>
      this.act(reason, message, () => this.admin.closeRoom(room.roomId, reason.value.trim()), `Room ${room.roomId} closed.`),
    );
    this.detailHead = h('span', { className: 'muted' });
    this.playersBody = h('tbody');
    const chartRow = h('div', { className: 'charts' });
    this.detail.replaceChildren(
      h('div', { className: 'bar' }, h('h2', {}, 'Room ', h('span', { className: 'mono' }, room.roomId), ' ', this.detailHead), h('div', { className: 'row' }, reason, closeButton)),
      message,
      chartRow,
      h(
        'table',
        { className: 'table', id: 'room-players' },
        h('thead', {}, h('tr', {}, ...['Seat', 'Player', 'State', 'RTT', ''].map((c) => h('th', {}, c)))),
        this.playersBody,
      ),
    );
    const cell = (title: string) => {
      const box = h('div', { className: 'chart' }, h('h3', {}, title));
      chartRow.append(box);
      return box;
    };
    const width = Math.max(240, Math.floor((this.detail.clientWidth || 1050) / 3) - 24);
    this.charts = [
      new TimeChart(cell('Tick time p99 (ms)'), 'ms', '#4f9cf9', (v) => v.toFixed(v < 10 ? 1 : 0), width, 1),
      new TimeChart(cell('Players'), 'players', '#5fd38d', (v) => String(Math.round(v)), width, 2),
      new TimeChart(cell('Bandwidth out (KB/s)'), 'KB/s', '#f9a84f', (v) => v.toFixed(v < 10 ? 1 : 0), width, 1),
    ];
    this.updateDetail(reason, message);
  }

  private updateDetail(reason?: HTMLInputElement, message?: HTMLElement): void {
    const room = this.room();
    if (!room || !this.playersBody || !this.detailHead) {
      if (this.selected !== null && !room) {
        this.selected = null;
        this.renderDetail();
      }
      return;
    }
    this.detailHead.textContent = `· ${room.game} · ${room.status} · tick ${room.tick}`;
    const s = this.history.of(room.roomId);
    if (s) {
      this.charts[0].update(s.t, s.tickP99Ms);
      this.charts[1].update(s.t, s.players);
      this.charts[2].update(s.t, s.kbPerSecond);
    }
    const reasonInput = reason ?? (this.detail.querySelector('#action-reason') as HTMLInputElement);
    const messageEl = message ?? (this.detail.querySelector('#action-message') as HTMLElement);
    this.playersBody.replaceChildren(
      ...room.players.map((p) => {
        const kick = h('button', { className: 'danger small', 'data-kick': p.playerId }, 'Kick');
        kick.addEventListener('click', () =>
          this.act(reasonInput, messageEl, () => this.admin.kick(room.roomId, p.playerId, reasonInput.value.trim()), `${p.name} kicked.`),
        );
        return h(
          'tr',
          { 'data-player': p.playerId },
          h('td', {}, p.seat),
          h('td', {}, p.name, h('div', { className: 'mono muted' }, p.playerId)),
          h('td', {}, h('span', { className: `chip ${p.liveness}` }, p.liveness)),
          h('td', {}, p.liveness === 'dropped' ? '—' : `${p.rttMs} ms`),
          h('td', { className: 'actions' }, h('button', { className: 'small', onclick: () => this.audit.search({ player: p.playerId }) }, 'Connections'), kick),
        );
      }),
    );
    if (room.players.length === 0) this.playersBody.append(h('tr', {}, h('td', { colspan: 5, className: 'muted' }, 'Nobody seated.')));
  }

  private act(reason: HTMLInputElement, message: HTMLElement, action: () => Promise<unknown>, done: string): void {
    if (!reason.value.trim()) {
      message.textContent = 'Give a reason first: it goes into the audit trail.';
      reason.focus();
      return;
    }
    message.textContent = '';
    action()
      .then(() => {
        message.className = 'ok';
        message.textContent = done;
        reason.value = '';
        void this.audit.refreshActions();
      })
      .catch((e: unknown) => {
        message.className = 'error';
        message.textContent = e instanceof ApiError ? `${e.message} (${e.status})` : String(e);
      });
  }
}
