/**
 * One arena player in one room: the SDK's RoomClient given the arena's input, world reader and prediction, plus the
 * interpolation of the other players and the controls. The arena screen and the test hook read it; neither touches
 * the socket.
 */
import { RoomClient, type AuthSession, type ServerSettings } from '../sdk';
import { buildFrame, type RenderFrame } from './frame';
import { arenaGame } from './game';
import type { ArenaInput } from './input';
import { Interpolator } from './interpolation';
import { Keyboard, type Controls } from './keyboard';
import { ArenaPrediction } from './prediction';
import type { ArenaView, Point } from './world';

export interface ArenaSessionOptions {
  roomId: string;
  auth: AuthSession;
  /** The server's wsUrl for the room (the node that runs it). */
  wsUrl?: string;
  /** Where input comes from; the keyboard by default. */
  controls?: Controls;
  settings?: Partial<ServerSettings>;
}

export class ArenaSession {
  readonly room: RoomClient<ArenaInput, ArenaView>;
  private readonly prediction = new ArenaPrediction();
  private readonly interpolator = new Interpolator();
  private readonly controls: Controls;
  private detachControls: (() => void) | null = null;

  constructor(options: ArenaSessionOptions) {
    const controls = (this.controls = options.controls ?? new Keyboard());
    this.room = new RoomClient({
      roomId: options.roomId,
      auth: options.auth,
      wsUrl: options.wsUrl,
      settings: options.settings,
      game: arenaGame,
      readInput: () => controls.read(),
      prediction: this.prediction,
    });
    this.room.on('welcome', () => this.interpolator.clear());
    this.room.on('state', ({ world, serverTimeMs }) =>
      this.interpolator.push(serverTimeMs, new Map(world.players.map((p) => [p.entityId, { x: p.x, y: p.y }]))),
    );
    // After the match the results screen shows: the keys go back to the page.
    this.room.on('matchEnd', () => this.releaseControls());
    this.room.on('ended', () => this.releaseControls());
  }

  start(): void {
    this.detachControls = this.controls.attach();
    this.room.start();
  }

  /** The newest arena state. */
  get view(): ArenaView | null {
    return this.room.world;
  }

  /** Where prediction puts our own player now. */
  get predicted(): Point | null {
    return this.prediction.position;
  }

  /** What to draw now: our player where prediction puts it, the others ~100 ms in the past. */
  frame(nowMs = performance.now()): RenderFrame | null {
    const view = this.room.world;
    if (!view) return null;
    const others = this.interpolator.sample(this.room.serverTime(nowMs));
    return buildFrame(view, this.room.roster, this.room.entityId, this.prediction.position, others);
  }

  leave(): void {
    this.room.leave();
    this.releaseControls();
  }

  releaseControls(): void {
    this.detachControls?.();
    this.detachControls = null;
  }
}
