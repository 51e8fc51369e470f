import { describe, expect, it } from 'vitest';
import { Interpolator } from '../../src/arena/interpolation';

const at = (entries: [number, number, number][]) => new Map(entries.map(([id, x, y]) => [id, { x, y }]));

describe('Interpolator', () => {
  it('renders 100 ms in the past, between the two surrounding snapshots', () => {
    const i = new Interpolator(100);
    i.push(1000, at([[2, 0, 0]]));
    i.push(1033, at([[2, 33, 66]]));
    i.push(1066, at([[2, 66, 132]]));
    // now 1150 -> render time 1050, 17/33 of the way from 1033 to 1066
    const p = i.sample(1150).get(2)!;
    expect(p.x).toBeCloseTo(33 + 33 * (17 / 33));
    expect(p.y).toBeCloseTo(66 + 66 * (17 / 33));
  });

  it('hits snapshot positions exactly at their times', () => {
    const i = new Interpolator(100);
    i.push(1000, at([[2, 10, 10]]));
    i.push(1100, at([[2, 20, 30]]));
    expect(i.sample(1200).get(2)).toEqual({ x: 20, y: 30 });
    expect(i.sample(1100).get(2)).toEqual({ x: 10, y: 10 });
  });

  it('holds the newest position when states stop (no extrapolation) and the oldest before the buffer', () => {
    const i = new Interpolator(100);
    i.push(1000, at([[2, 10, 10]]));
    i.push(1033, at([[2, 20, 10]]));
    expect(i.sample(5000).get(2)).toEqual({ x: 20, y: 10 });
    expect(i.sample(900).get(2)).toEqual({ x: 10, y: 10 });
  });

  it('shows a new entity at its first position and drops a removed one', () => {
    const i = new Interpolator(100);
    i.push(1000, at([[2, 10, 10], [3, 5, 5]]));
    i.push(1100, at([[2, 20, 10], [4, 50, 50]]));
    const s = i.sample(1150);
    expect(s.get(4)).toEqual({ x: 50, y: 50 });
    expect(s.has(3)).toBe(false);
    expect(s.get(2)!.x).toBeCloseTo(15);
  });

  it('ignores out-of-order snapshots and is empty before the first', () => {
    const i = new Interpolator(100);
    expect(i.sample(1000).size).toBe(0);
    i.push(1000, at([[2, 10, 10]]));
    i.push(900, at([[2, 99, 99]]));
    expect(i.sample(2000).get(2)).toEqual({ x: 10, y: 10 });
  });

  it('drops snapshots older than a second', () => {
    const i = new Interpolator(100);
    for (let t = 0; t <= 3000; t += 100) i.push(t, at([[2, t, 0]]));
    expect(i.sample(0).get(2)!.x).toBeGreaterThanOrEqual(1900);
  });
});
