import { describe, expect, it } from 'vitest';
import { splitIndices } from './split';

describe('splitIndices', () => {
  it('holds out the requested fractions, disjoint and complete, reproducibly', () => {
    const a = splitIndices(1000, { validation: 0.2, test: 0.1 }, 5);
    expect([a.train.length, a.validation.length, a.test.length]).toEqual([700, 200, 100]);
    expect(new Set([...a.train, ...a.validation, ...a.test]).size).toBe(1000);
    expect(splitIndices(1000, { validation: 0.2, test: 0.1 }, 5)).toEqual(a);
    expect(splitIndices(1000, { validation: 0.2, test: 0.1 }, 6).validation).not.toEqual(
      a.validation,
    );
  });

  it('keeps a prefix random even when the file is sorted by class', () => {
    const { validation } = splitIndices(1000, 0.2, 1);
    // With sorted indices the first 50 would all be < 250.
    expect([...validation.slice(0, 50)].some((i) => i >= 500)).toBe(true);
  });

  it('stratifies: every class keeps its share in every split', () => {
    // 900 of class 0, 100 of class 1 (a rare class).
    const strata = Int32Array.from({ length: 1000 }, (_, i) => (i < 900 ? 0 : 1));
    const s = splitIndices(1000, { validation: 0.2, test: 0.1 }, 3, strata);
    const rare = (idx: Int32Array) => [...idx].filter((i) => strata[i] === 1).length;
    expect([rare(s.train), rare(s.validation), rare(s.test)]).toEqual([70, 20, 10]);
  });
});
