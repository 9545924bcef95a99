import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';

describe('downsampleMinMax', () => {
  it('keeps short curves whole', () => {
    const data = [0, 1, 2].map((x) => ({ x, y: x * x }));
    expect(downsampleMinMax(data, 10)).toEqual(data);
  });

  it('keeps each bucket’s low and high in order, and the ends', () => {
    // 2 inner buckets of 4 points: [5, 1, 9, 3] and [4, 8, 2, 6].
    const ys = [7, 5, 1, 9, 3, 4, 8, 2, 6, 0];
    const data = ys.map((y, x) => ({ x, y }));
    expect(downsampleMinMax(data, 6).map((p) => p.y)).toEqual([7, 1, 9, 8, 2, 0]);
  });

  it('never exceeds the budget, keeps first, last and the extremes, in x order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 1,
          maxLength: 3000,
        }),
        fc.integer({ min: 4, max: 400 }),
        (ys, budget) => {
          const data = ys.map((y, x) => ({ x, y }));
          const out = downsampleMinMax(data, budget);
          expect(out.length).toBeLessThanOrEqual(
            Math.max(budget, data.length <= budget ? data.length : 0),
          );
          expect(out[0]).toEqual(data[0]);
          expect(out.at(-1)).toEqual(data.at(-1));
          expect(Math.min(...out.map((p) => p.y))).toBe(Math.min(...ys));
          expect(Math.max(...out.map((p) => p.y))).toBe(Math.max(...ys));
          for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
