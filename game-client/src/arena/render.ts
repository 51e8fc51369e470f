/** Draws the arena on a canvas: the field, orbs, and players as coloured circles with their names. */
import { Liveness } from '../sdk';
import type { RenderFrame } from './frame';
import { FIELD_HEIGHT, FIELD_WIDTH } from './settings';
import { Phase } from './world';

export const PLAYER_RADIUS = 18;
const ORB_RADIUS = 8;
/** World units of room around the field: a player at a wall (clamped to the field) and the name above them stay
 * whole on the canvas. */
const MARGIN = 48;
const PALETTE = ['#4f9cf9', '#f97b4f', '#5fd38d', '#e25fd3', '#f9d24f', '#4fe0f9', '#b38cff', '#ff6b8b'];

export function seatColour(seat: number): string {
  return PALETTE[((seat % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** Sizes the backing store to the element's CSS size and the device pixel ratio; returns the world scale. */
function fit(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D): { scale: number; ox: number; oy: number } {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const scale = Math.min(w / (FIELD_WIDTH + 2 * MARGIN), h / (FIELD_HEIGHT + 2 * MARGIN));
  const ox = (w - FIELD_WIDTH * scale) / 2;
  const oy = (h - FIELD_HEIGHT * scale) / 2;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(scale, 0, 0, scale, ox, oy);
  return { scale, ox, oy };
}

function drawField(ctx: CanvasRenderingContext2D): void {
  ctx.fillStyle = '#121826';
  ctx.fillRect(0, 0, FIELD_WIDTH, FIELD_HEIGHT);
  ctx.strokeStyle = 'rgba(255,255,255,0.05)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = 100; x < FIELD_WIDTH; x += 100) {
    ctx.moveTo(x, 0);
    ctx.lineTo(x, FIELD_HEIGHT);
  }
  for (let y = 100; y < FIELD_HEIGHT; y += 100) {
    ctx.moveTo(0, y);
    ctx.lineTo(FIELD_WIDTH, y);
  }
  ctx.stroke();
  ctx.strokeStyle = '#3a4a6b';
  ctx.lineWidth = 4;
  ctx.strokeRect(2, 2, FIELD_WIDTH - 4, FIELD_HEIGHT - 4);
}

export function drawArena(canvas: HTMLCanvasElement, frame: RenderFrame | null, nowMs: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  fit(canvas, ctx);
  drawField(ctx);
  if (!frame) return;

  const pulse = 1 + 0.15 * Math.sin(nowMs / 250);
  for (const orb of frame.view.orbs) {
    ctx.beginPath();
    ctx.fillStyle = '#ffd54a';
    ctx.shadowColor = '#ffd54a';
    ctx.shadowBlur = 12;
    ctx.arc(orb.x, orb.y, ORB_RADIUS * pulse, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.shadowBlur = 0;

  // Our own player last, so it is never hidden under another.
  const players = [...frame.players].sort((a, b) => Number(a.self) - Number(b.self));
  for (const p of players) {
    ctx.globalAlpha = p.liveness === Liveness.CONNECTED ? 1 : 0.45;
    if (p.self) {
      ctx.beginPath();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 4;
      ctx.arc(p.x, p.y, PLAYER_RADIUS + 6, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.fillStyle = seatColour(p.seat);
    ctx.arc(p.x, p.y, PLAYER_RADIUS, 0, Math.PI * 2);
    ctx.fill();
    ctx.font = `${p.self ? 'bold ' : ''}20px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillStyle = '#e8ecf5';
    ctx.fillText(p.self ? `${p.name} (you)` : p.name, p.x, p.y - PLAYER_RADIUS - 10);
    ctx.globalAlpha = 1;
  }

  if (frame.view.phase !== Phase.PLAYING) {
    ctx.fillStyle = 'rgba(10,14,24,0.55)';
    ctx.fillRect(0, 0, FIELD_WIDTH, FIELD_HEIGHT);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 56px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(frame.view.phase === Phase.WAITING ? 'Waiting for players…' : 'Match over', FIELD_WIDTH / 2, FIELD_HEIGHT / 2);
  }
}
