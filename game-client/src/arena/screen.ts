/** The arena screen: the canvas, the HUD (ping, tick, players, score, time left), the scoreboard and chat. */
import { Liveness, type ChatLine } from '../sdk';
import { chatBox } from '../ui/chat-box';
import { clear, h } from '../ui/dom';
import { drawArena, seatColour } from './render';
import type { ArenaSession } from './session';
import { FIELD_HEIGHT, FIELD_WIDTH } from './settings';
import { entityOfSeat, seatOfEntity } from './world';

/** Chat lines shown under the scoreboard. */
const CHAT_LINES = 8;

function formatTime(ticksLeft: number, tickRate: number): string {
  const s = Math.max(0, Math.ceil(ticksLeft / Math.max(1, tickRate)));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Returns the screen and a function that stops its drawing loop. */
export function arenaScreen(session: ArenaSession, onLeave: () => void): [HTMLElement, () => void] {
  const room = session.room;
  const canvas = h('canvas', { id: 'arena', width: FIELD_WIDTH, height: FIELD_HEIGHT, 'aria-label': 'Arena' });
  const stat = (id: string, label: string) => {
    const value = h('span', { className: 'value', id: `hud-${id}` }, '–');
    return [h('div', { className: 'stat' }, h('span', { className: 'label' }, label), value), value] as const;
  };
  const [pingEl, ping] = stat('ping', 'Ping');
  const pingServer = h('span', { className: 'sub', id: 'hud-server-rtt' });
  pingEl.append(pingServer);
  const [tickEl, tick] = stat('tick', 'Tick');
  const [playersEl, players] = stat('players', 'Players');
  const [scoreEl, score] = stat('score', 'Score');
  const [timeEl, time] = stat('time', 'Time left');
  const banner = h('div', { className: 'banner', id: 'reconnecting', hidden: true }, 'Reconnecting…');
  const board = h('ol', { className: 'scoreboard' });
  const chatLog = h('ul', { className: 'chat-log' });
  const chat = chatBox((text) => room.sendChat(text));
  const showChat = (line: ChatLine) => {
    chatLog.append(h('li', {}, h('strong', {}, `${line.name}: `), line.text));
    while (chatLog.children.length > CHAT_LINES) chatLog.firstElementChild?.remove();
  };
  const stopChat = room.on('chat', showChat);

  const screen = h(
    'main',
    { className: 'screen arena' },
    h(
      'header',
      { className: 'hud' },
      pingEl,
      tickEl,
      playersEl,
      scoreEl,
      timeEl,
      h('button', { id: 'leave', onclick: () => onLeave() }, 'Leave'),
    ),
    h(
      'div',
      { className: 'play' },
      h('div', { className: 'stage' }, canvas, banner),
      h(
        'aside',
        { className: 'side' },
        h('h3', {}, 'Scores'),
        board,
        h('h3', {}, 'Chat'),
        chatLog,
        chat.input,
        chat.note,
        h('p', { className: 'muted keys' }, 'Move: WASD or arrows · Dash: Shift'),
      ),
    ),
  );

  let boardKey = '';
  function updateHud() {
    const rtt = room.rttMs;
    const server = room.serverRttMs;
    ping.textContent = rtt === null ? '–' : `${rtt} ms`;
    pingServer.textContent = server === null ? '' : `server ${server} ms`;
    tick.textContent = String(room.tick || '–');
    const view = session.view;
    const roster = room.roster;
    players.textContent = String(roster.length);
    const me = view?.players.find((p) => p.entityId === room.entityId);
    score.textContent = me ? String(me.score) : '–';
    time.textContent = view && room.tickRate ? formatTime(view.ticksLeft, room.tickRate) : '–';
    banner.hidden = !room.reconnecting;

    const rows = (view?.players ?? []).slice().sort((a, b) => b.score - a.score);
    const key = rows.map((p) => `${p.entityId}:${p.score}`).join() + roster.map((s) => s.name + s.liveness).join();
    if (key === boardKey) return;
    boardKey = key;
    clear(board);
    for (const p of rows) {
      const seat = roster.find((s) => entityOfSeat(s.seat) === p.entityId);
      const away = seat && seat.liveness !== Liveness.CONNECTED;
      board.append(
        h(
          'li',
          { className: p.entityId === room.entityId ? 'me' : '' },
          h('span', { className: 'dot', style: `background:${seatColour(seatOfEntity(p.entityId))}` }),
          h('span', { className: 'name' }, seat?.name ?? `Player ${p.entityId}`),
          away ? h('span', { className: 'muted' }, seat.liveness === Liveness.SUSPECT ? ' (lagging)' : ' (away)') : null,
          h('span', { className: 'pts' }, String(p.score)),
        ),
      );
    }
  }

  let raf = 0;
  const loop = (now: number) => {
    drawArena(canvas, session.frame(now), now);
    updateHud();
    raf = requestAnimationFrame(loop);
  };
  raf = requestAnimationFrame(loop);
  return [
    screen,
    () => {
      cancelAnimationFrame(raf);
      stopChat();
    },
  ];
}
