/** The arena screen: the canvas, the HUD (ping, tick, players, score, time left), the scoreboard and chat. */
import { drawArena, seatColour } from './render';
import type { GameSession } from './session';
import { clear, h } from '../ui/dom';

function formatTime(ticksLeft: number, tickRate: number): string {
  const s = Math.max(0, Math.ceil(ticksLeft / Math.max(1, tickRate)));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Returns the screen and a function that stops its drawing loop. */
export function arenaScreen(session: GameSession, onLeave: () => void): [HTMLElement, () => void] {
  const canvas = h('canvas', { id: 'arena', width: 1600, height: 1000, 'aria-label': 'Arena' });
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
  const chatInput = h('input', { placeholder: 'Say something (Enter)', maxlength: 120, 'aria-label': 'Chat' });
  chatInput.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    session.sendChat(chatInput.value);
    chatInput.value = '';
    chatInput.blur();
  });

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
        chatInput,
        h('p', { className: 'muted keys' }, 'Move: WASD or arrows · Dash: Shift'),
      ),
    ),
  );

  let chatShown = -1;
  let boardKey = '';
  function updateHud() {
    const rtt = session.rttMs;
    const server = session.serverRttMs;
    ping.textContent = rtt === null ? '–' : `${rtt} ms`;
    pingServer.textContent = server === null ? '' : `server ${server} ms`;
    tick.textContent = String(session.tick || '–');
    const view = session.arena;
    players.textContent = String(session.players.length);
    const me = view?.players.find((p) => p.entityId === session.entityId);
    score.textContent = me ? String(me.score) : '–';
    time.textContent = view ? formatTime(view.ticksLeft, session.tickRate) : '–';
    banner.hidden = !session.reconnecting;

    const rows = (view?.players ?? []).slice().sort((a, b) => b.score - a.score);
    const key = rows.map((p) => `${p.entityId}:${p.score}`).join() + session.players.map((s) => s.name + s.liveness).join();
    if (key !== boardKey) {
      boardKey = key;
      clear(board);
      for (const p of rows) {
        const seat = session.players.find((s) => s.seat + 1 === p.entityId);
        board.append(
          h(
            'li',
            { className: p.entityId === session.entityId ? 'me' : '' },
            h('span', { className: 'dot', style: `background:${seatColour(p.entityId - 1)}` }),
            h('span', { className: 'name' }, seat?.name ?? `Player ${p.entityId}`),
            seat && seat.liveness !== 0 ? h('span', { className: 'muted' }, seat.liveness === 1 ? ' (lagging)' : ' (away)') : null,
            h('span', { className: 'pts' }, String(p.score)),
          ),
        );
      }
    }
    if (session.chat.length !== chatShown) {
      chatShown = session.chat.length;
      clear(chatLog);
      for (const line of session.chat.slice(-8)) chatLog.append(h('li', {}, h('strong', {}, `${line.name}: `), line.text));
    }
  }

  let raf = 0;
  const loop = (now: number) => {
    drawArena(canvas, session.frame(now), now);
    updateHud();
    raf = requestAnimationFrame(loop);
  };
  raf = requestAnimationFrame(loop);
  return [screen, () => cancelAnimationFrame(raf)];
}
