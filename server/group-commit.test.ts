import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('commits concurrent items in one call and settles each with its own result', async () => {
    const calls: number[][] = [];
    const group = new GroupCommit(async (items: number[]) => {
      calls.push(items);
      return items.map((n) => n * 2);
    }, 100);
    const results = await Promise.all([1, 2, 3, 4].map((n) => group.enqueue(n)));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
  });

  it('splits at maxBatch and keeps order', async () => {
    const calls: number[][] = [];
    const group = new GroupCommit(async (items: number[]) => (calls.push(items), items), 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => group.enqueue(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every item of a batch whose commit throws, and nothing resolves early', async () => {
    let fail = true;
    const group = new GroupCommit(async (items: number[]) => {
      if (fail) throw new Error('disk full');
      return items;
    }, 10);
    const first = [group.enqueue(1), group.enqueue(2)];
    for (const p of first) await expect(p).rejects.toThrow('disk full');
    fail = false;
    await expect(group.enqueue(3)).resolves.toBe(3);
  });

  it('drain resolves once what is queued is committed', async () => {
    const seen: number[] = [];
    const group = new GroupCommit(async (items: number[]) => (seen.push(...items), items), 10);
    void group.enqueue(7);
    expect(group.pending).toBe(1);
    await group.drain();
    expect(seen).toEqual([7]);
    expect(group.pending).toBe(0);
  });

  it('runs one commit at a time; what arrives meanwhile goes in the next batch', async () => {
    const calls: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const group = new GroupCommit(async (items: number[]) => {
      calls.push(items);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return items;
    }, 10);
    const first = group.enqueue(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first commit is now running
    const later = [group.enqueue(2), group.enqueue(3)];
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(calls).toEqual([[1], [2, 3]]);
    expect(maxInFlight).toBe(1);
  });
});
