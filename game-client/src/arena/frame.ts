/**
 * One frame for the renderer: our player where prediction puts it, the others where interpolation puts them (about
 * 100 ms in the past), each with their roster name and liveness.
 */
import type { RosterSeat } from '../sdk';
import { entityOfSeat, seatOfEntity, type ArenaView, type Point } from './world';

export interface RenderPlayer extends Point {
  entityId: number;
  seat: number;
  name: string;
  score: number;
  self: boolean;
  liveness: number;
}

export interface RenderFrame {
  view: ArenaView;
  players: RenderPlayer[];
}

export function buildFrame(
  view: ArenaView,
  roster: readonly RosterSeat[],
  selfEntityId: number | null,
  predicted: Point | null,
  interpolated: Map<number, Point>,
): RenderFrame {
  const players = view.players.map((p) => {
    const self = p.entityId === selfEntityId;
    const at = (self ? predicted : interpolated.get(p.entityId)) ?? p;
    const seat = seatOfEntity(p.entityId);
    const rosterSeat = roster.find((s) => entityOfSeat(s.seat) === p.entityId);
    return {
      entityId: p.entityId,
      seat,
      x: at.x,
      y: at.y,
      score: p.score,
      name: rosterSeat?.name ?? `Player ${seat + 1}`,
      self,
      liveness: rosterSeat?.liveness ?? 0,
    };
  });
  return { view, players };
}
