import { describe, expect, it } from 'vitest';
import { AdaptiveDifficulty, CALM_PER_SECOND, MAX_EXTRA_BITS } from './difficulty.ts';

describe('AdaptiveDifficulty', () => {
  it('stays at the base while submissions are calm', () => {
    const d = new AdaptiveDifficulty(16);
    for (let minute = 0; minute < 60; minute++) d.record(minute * 120_000); // one every two minutes
    expect(d.current(60 * 120_000)).toBe(16);
  });

  it('keeps the base at 50,000 stories a day, evenly spread', () => {
    const d = new AdaptiveDifficulty(16);
    const every = 86_400_000 / 50_000;
    for (let t = 0; t < 86_400_000; t += every) d.record(t);
    expect(50_000 / 86_400).toBeLessThan(CALM_PER_SECOND);
    expect(d.current(86_400_000)).toBe(16);
  });

  it('rises under a flood, capped, and falls back when it calms', () => {
    const d = new AdaptiveDifficulty(16);
    let t = 0;
    for (let i = 0; i < 2000; i++) d.record((t += 100)); // ten a second for 200 s
    const flooded = d.current(t);
    expect(flooded).toBeGreaterThan(16);
    expect(flooded).toBeLessThanOrEqual(16 + MAX_EXTRA_BITS);
    for (let i = 0; i < 5000; i++) d.record((t += 100)); // ten a second for 500 s more
    expect(d.current(t)).toBe(16 + MAX_EXTRA_BITS);
    expect(d.current(t + 3600_000)).toBeLessThan(16 + MAX_EXTRA_BITS);
    expect(d.current(t + 2 * 3600_000)).toBe(16);
  });
});
