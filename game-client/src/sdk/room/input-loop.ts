/**
 * The netcode loop (docs/protocol.md sections 5 and 8), at the room's tick rate: one INPUT per tick while the game's
 * input is not idle, and one idle INPUT when it becomes idle so the server sees the release, each carrying the newest
 * applied tick as its ack; otherwise an ACK when a new state arrived. INPUTs are numbered from 1 for the life of the
 * client, across reconnects and new seats, so the server never sees `seq` go back.
 */
import type { InputCodec } from '../game';
import type { StateMirror } from '../mirror';
import type { ClientMessage } from '../protocol/codec';

export interface InputLoopParts<Input> {
  send(msg: ClientMessage): void;
  /** True while the socket is open and WELCOME has arrived. */
  ready(): boolean;
  /** True when the server has been silent too long; then `dropSilent` is called instead of sending. */
  silent(): boolean;
  dropSilent(): void;
  mirror: StateMirror;
  codec: InputCodec<Input>;
  readInput(): Input;
  inputSent(seq: number, input: Input): void;
}

export class InputLoop<Input> {
  private seq = 0;
  private last: Input;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly parts: InputLoopParts<Input>) {
    this.last = parts.codec.idle;
  }

  start(tickRate: number): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), 1000 / Math.max(1, tickRate));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const { codec, mirror } = this.parts;
    if (!this.parts.ready()) return;
    if (this.parts.silent()) {
      this.parts.dropSilent();
      return;
    }
    const input = this.parts.readInput();
    const ackTick = mirror.latestTick;
    if (!codec.isIdle(input) || !codec.isIdle(this.last)) {
      this.seq = (this.seq + 1) >>> 0;
      this.parts.inputSent(this.seq, input);
      this.parts.send({ type: 'INPUT', seq: this.seq, ackTick, payload: codec.encode(input) });
      mirror.acknowledged(ackTick);
    } else if (mirror.ackDue) {
      this.parts.send({ type: 'ACK', tick: ackTick });
      mirror.acknowledged(ackTick);
    }
    this.last = input;
  }
}
