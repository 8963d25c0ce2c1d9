import { describe, expect, it } from 'vitest';
import { ExpiringSet } from './expiring-set.ts';

describe('ExpiringSet', () => {
  it('accepts a member once until it expires', () => {
    const set = new ExpiringSet(10);
    expect(set.add('a', 100, 50)).toBe('added');
    expect(set.add('a', 100, 60)).toBe('present');
    expect(set.add('a', 100, 100)).toBe('present');
    expect(set.add('a', 200, 101)).toBe('added');
  });

  it('purges expired members so memory follows the live ones', () => {
    const set = new ExpiringSet(10);
    for (let i = 0; i < 5; i++) set.add(`m${i}`, 10, 0);
    expect(set.size).toBe(5);
    set.add('late', 30, 20);
    expect(set.size).toBe(1);
  });

  it('refuses when full instead of growing', () => {
    const set = new ExpiringSet(2);
    expect(set.add('a', 10, 0)).toBe('added');
    expect(set.add('b', 10, 0)).toBe('added');
    expect(set.add('c', 10, 0)).toBe('full');
    expect(set.add('c', 30, 11)).toBe('added');
  });
});
