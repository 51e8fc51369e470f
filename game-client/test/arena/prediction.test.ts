import { describe, expect, it } from 'vitest';
import { BUTTON_DASH, encodeInput, type ArenaInput } from '../../src/arena/input';
import { move } from '../../src/arena/movement';
import { Predictor } from '../../src/arena/prediction';
import { FIELD_HEIGHT as HEIGHT, FIELD_WIDTH as WIDTH } from '../../src/arena/settings';

const RIGHT: ArenaInput = { moveX: 127, moveY: 0, buttons: 0 };
const DOWN_DASH: ArenaInput = { moveX: 0, moveY: 127, buttons: BUTTON_DASH };
const HALF_LEFT: ArenaInput = { moveX: -100, moveY: 0, buttons: 0 };

describe('arena movement', () => {
  it('moves moveX*12/127 per input, truncating toward zero like the server', () => {
    expect(move({ x: 100, y: 100 }, RIGHT)).toEqual({ x: 112, y: 100 });
    expect(move({ x: 100, y: 100 }, HALF_LEFT)).toEqual({ x: 91, y: 100 }); // -1200/127 = -9.4 -> -9
    expect(move({ x: 100, y: 100 }, { moveX: 5, moveY: -5, buttons: 0 })).toEqual({ x: 100, y: 100 });
  });

  it('doubles the step with DASH', () => {
    expect(move({ x: 100, y: 100 }, DOWN_DASH)).toEqual({ x: 100, y: 124 });
  });

  it('clamps to the field', () => {
    expect(move({ x: WIDTH - 3, y: 2 }, { moveX: 127, moveY: -127, buttons: 0 })).toEqual({ x: WIDTH, y: 0 });
    expect(move({ x: 1, y: HEIGHT }, { moveX: -127, moveY: 127, buttons: 0 })).toEqual({ x: 0, y: HEIGHT });
  });

  it('encodes the 3-byte payload and never sends -128', () => {
    expect(Array.from(encodeInput({ moveX: 100, moveY: -50, buttons: 1 }))).toEqual([0x64, 0xce, 0x01]);
    expect(Array.from(encodeInput({ moveX: -300, moveY: 300, buttons: 0xff }))).toEqual([0x81, 0x7f, 0x03]);
  });
});

describe('Predictor', () => {
  it('moves the prediction at once for each input recorded', () => {
    const p = new Predictor();
    p.reconcile({ x: 100, y: 100 }, 0, true);
    p.record(1, RIGHT);
    p.record(2, RIGHT);
    expect(p.position).toEqual({ x: 124, y: 100 });
    expect(p.pendingCount).toBe(2);
  });

  it('replays inputs the server has not applied on top of the authoritative position', () => {
    const p = new Predictor();
    p.reconcile({ x: 100, y: 100 }, 0, true);
    for (let seq = 1; seq <= 5; seq++) p.record(seq, RIGHT);
    // The server applied 1..3 and reports x = 136.
    expect(p.reconcile({ x: 136, y: 100 }, 3, true)).toEqual({ x: 160, y: 100 });
    expect(p.pendingCount).toBe(2);
  });

  it('corrects a misprediction with the server position', () => {
    const p = new Predictor();
    p.reconcile({ x: 100, y: 100 }, 0, true);
    p.record(1, RIGHT);
    p.record(2, RIGHT);
    // The server says input 1 left us at 105 (e.g. a collision we did not model).
    expect(p.reconcile({ x: 105, y: 100 }, 1, true)).toEqual({ x: 117, y: 100 });
    expect(p.confirmed).toEqual({ x: 105, y: 100 });
  });

  it('drops everything once all inputs are acknowledged', () => {
    const p = new Predictor();
    p.reconcile({ x: 0, y: 0 }, 0, true);
    p.record(1, DOWN_DASH);
    p.record(2, DOWN_DASH);
    expect(p.reconcile({ x: 0, y: 48 }, 2, true)).toEqual({ x: 0, y: 48 });
    expect(p.pendingCount).toBe(0);
  });

  it('does not move while the server does not (waiting or over)', () => {
    const p = new Predictor();
    p.reconcile({ x: 100, y: 100 }, 0, false);
    p.record(1, RIGHT);
    expect(p.position).toEqual({ x: 100, y: 100 });
    expect(p.reconcile({ x: 100, y: 100 }, 0, false)).toEqual({ x: 100, y: 100 });
  });

  it('has no position while our entity is absent', () => {
    const p = new Predictor();
    p.record(1, RIGHT);
    expect(p.position).toBeNull();
    expect(p.reconcile(null, 0, true)).toBeNull();
  });

  it('forgets pending inputs for a new seat, and counts the last one recorded as acknowledged', () => {
    const p = new Predictor();
    p.record(1, RIGHT);
    p.record(2, RIGHT);
    expect(p.acknowledgedSeq).toBe(0);
    p.clearPending();
    expect(p.pendingCount).toBe(0);
    expect(p.acknowledgedSeq).toBe(2);
  });
});
