import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, permutation } from './random';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });

  it('permutes every index exactly once', () => {
    const order = permutation(1000, createRng(1));
    expect([...order].sort((x, y) => x - y)).toEqual([...Array(1000).keys()]);
    expect([...order.slice(0, 10)]).not.toEqual([...Array(10).keys()]);
  });

  it('derives distinct seeds per purpose', () => {
    expect(deriveSeed(1, 'split')).not.toBe(deriveSeed(1, 'shuffle'));
    expect(deriveSeed(1, 'split')).toBe(deriveSeed(1, 'split'));
  });
});
