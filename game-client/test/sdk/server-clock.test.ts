import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../src/sdk/room/server-clock';

describe('ServerClock', () => {
  it('takes the largest offset (the least delayed frame)', () => {
    const c = new ServerClock();
    c.observe(10_000, 1_050); // 50 ms in flight
    c.observe(10_033, 1_063); // 30 ms in flight
    expect(c.now(2_000)).toBe(2_000 + 10_033 - 1_063);
  });

  it('follows a slower route slowly instead of jumping', () => {
    const c = new ServerClock();
    c.observe(10_000, 1_000);
    c.observe(11_000, 2_100);
    const offset = c.now(0);
    expect(offset).toBeLessThan(9_000);
    expect(offset).toBeGreaterThanOrEqual(8_900);
  });
});
