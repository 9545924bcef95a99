import { describe, expect, it } from 'vitest';
import { splitIndices } from './split';

describe('splitIndices', () => {
  it('holds out the requested fraction, disjoint and complete, reproducibly', () => {
    const a = splitIndices(1000, 0.2, 5);
    expect(a.validation.length).toBe(200);
    expect(a.train.length).toBe(800);
    const all = new Set([...a.train, ...a.validation]);
    expect(all.size).toBe(1000);
    expect(splitIndices(1000, 0.2, 5)).toEqual(a);
    expect(splitIndices(1000, 0.2, 6).validation).not.toEqual(a.validation);
  });

  it('keeps a prefix random even when the file is sorted by class', () => {
    const { validation } = splitIndices(1000, 0.2, 1);
    const firstFifty = [...validation.slice(0, 50)];
    // With sorted indices the first 50 would all be < 250.
    expect(firstFifty.some((i) => i >= 500)).toBe(true);
  });
});
