import { describe, expect, it } from 'vitest';
import { checksum, ClientMessage, encodeDelta, encodeSnapshot, WorldState } from '../../src/sdk/protocol/codec';
import { StateFrame, StateMirror } from '../../src/sdk/mirror';

function world(tick: number): WorldState {
  return {
    globals: [1, 3600 - tick],
    entities: [
      { id: 1, kind: 1, fields: [100 + tick, 200, 0] },
      { id: 2, kind: 1, fields: [400, 300 - tick, tick % 5] },
      { id: 1000 + (tick % 3), kind: 2, fields: [50, 60, 1] },
    ],
  };
}

function full(tick: number): StateFrame {
  const s = world(tick);
  return { tick, baselineTick: 0, checksum: checksum(s), body: encodeSnapshot(s) };
}

function delta(tick: number, baselineTick: number): StateFrame {
  const s = world(tick);
  return { tick, baselineTick, checksum: checksum(s), body: encodeDelta(world(baselineTick), s) };
}

function setup(history = 64) {
  const sent: ClientMessage[] = [];
  const sync = new StateMirror((m) => sent.push(m), history);
  return { sent, sync };
}

describe('StateMirror', () => {
  it('applies a full snapshot and deltas against acknowledged baselines', () => {
    const { sent, sync } = setup();
    expect(sync.receive(full(10))).toMatchObject({ kind: 'applied', tick: 10 });
    expect(sync.ackDue).toBe(true);
    sync.acknowledged(10);
    expect(sync.ackDue).toBe(false);
    expect(sync.receive(delta(11, 10))).toEqual({ kind: 'applied', tick: 11, state: world(11) });
    expect(sync.receive(delta(12, 10))).toEqual({ kind: 'applied', tick: 12, state: world(12) });
    expect(sync.latestTick).toBe(12);
    expect(sync.latest).toEqual(world(12));
    expect(sent).toEqual([]);
  });

  it('survives dropped states: a later delta from an older acknowledged baseline still applies', () => {
    const { sent, sync } = setup();
    sync.receive(full(10));
    sync.receive(delta(11, 10));
    sync.acknowledged(11);
    // 12..15 are lost on the way; the server still deltas from the acked 11.
    expect(sync.receive(delta(16, 11))).toMatchObject({ kind: 'applied', tick: 16 });
    expect(sync.latest).toEqual(world(16));
    expect(sent).toEqual([]);
  });

  it('keeps the baseline unchanged when a delta is applied', () => {
    const { sync } = setup();
    sync.receive(full(10));
    sync.receive(delta(11, 10));
    expect(sync.stateAt(10)).toEqual(world(10));
  });

  it('ignores a state not newer than the newest applied', () => {
    const { sent, sync } = setup();
    sync.receive(full(10));
    sync.receive(delta(12, 10));
    expect(sync.receive(delta(11, 10))).toEqual({ kind: 'stale' });
    expect(sync.receive(full(12))).toEqual({ kind: 'stale' });
    expect(sync.latestTick).toBe(12);
    expect(sent).toEqual([]);
  });

  it('sends RESYNC_REQUEST on a checksum mismatch and discards the result', () => {
    const { sent, sync } = setup();
    sync.receive(full(10));
    const bad = { ...delta(11, 10), checksum: 12345 };
    expect(sync.receive(bad)).toEqual({ kind: 'resync', reason: 'checksum-mismatch' });
    expect(sent).toEqual([{ type: 'RESYNC_REQUEST' }]);
    expect(sync.latestTick).toBe(10);
    expect(sync.stateAt(11)).toBeUndefined();
  });

  it('sends RESYNC_REQUEST when the baseline is not in history', () => {
    const { sent, sync } = setup(8);
    sync.receive(full(10));
    expect(sync.receive(delta(12, 11))).toEqual({ kind: 'resync', reason: 'missing-baseline' });
    expect(sent).toEqual([{ type: 'RESYNC_REQUEST' }]);
  });

  it('forgets states older than the history window', () => {
    const { sync } = setup(4);
    sync.receive(full(10));
    for (let t = 11; t <= 14; t++) sync.receive(delta(t, t - 1));
    expect(sync.stateAt(10)).toBeUndefined();
    expect(sync.stateAt(11)).toEqual(world(11));
    expect(sync.stateAt(14)).toEqual(world(14));
  });

  it('asks once per mismatch burst and recovers with the full snapshot', () => {
    const { sent, sync } = setup();
    sync.receive(full(10));
    sync.receive({ ...delta(11, 10), checksum: 1 });
    sync.receive({ ...delta(12, 10), checksum: 2 });
    expect(sent).toHaveLength(1);
    expect(sync.receive(full(13))).toMatchObject({ kind: 'applied', tick: 13 });
    expect(sync.receive(delta(14, 13))).toMatchObject({ kind: 'applied', tick: 14 });
    sync.receive({ ...delta(15, 14), checksum: 3 });
    expect(sent).toHaveLength(2);
    expect(sync.resyncCount).toBe(2);
  });

  it('asks again when no full snapshot arrived within a history window', () => {
    const { sent, sync } = setup(4);
    sync.receive(full(10));
    sync.receive({ ...delta(11, 10), checksum: 1 });
    sync.receive({ ...delta(14, 10), checksum: 1 });
    expect(sent).toHaveLength(1);
    sync.receive({ ...delta(15, 10), checksum: 1 });
    expect(sent).toHaveLength(2);
  });

  it('treats a malformed body as a reason to resync', () => {
    const { sent, sync } = setup();
    sync.receive(full(10));
    const garbage = { tick: 11, baselineTick: 10, checksum: 0, body: new Uint8Array([0x01, 0x05, 0, 0, 0]) };
    expect(sync.receive(garbage)).toEqual({ kind: 'resync', reason: 'malformed-body' });
    expect(sent).toEqual([{ type: 'RESYNC_REQUEST' }]);
  });

  it('starts over on reset (a new connection)', () => {
    const { sync } = setup();
    sync.receive(full(10));
    sync.reset(32);
    expect(sync.latestTick).toBe(0);
    expect(sync.stateAt(10)).toBeUndefined();
    expect(sync.receive(full(5))).toMatchObject({ kind: 'applied', tick: 5 });
  });
});
