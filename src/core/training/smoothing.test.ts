import { describe, expect, it } from 'vitest';
import { smoothEma } from './smoothing';

const xy = (ys: number[]) => ys.map((y, x) => ({ x, y }));

describe('smoothEma', () => {
  it('weight 0 leaves the curve alone', () => {
    expect(smoothEma(xy([3, 1, 4]), 0)).toEqual(xy([3, 1, 4]));
  });

  it('debiases the start and averages by hand-computed steps', () => {
    // w = 0.5: s1 = 0.5·2 = 1 → 1 / (1 − 0.5) = 2; s2 = 0.5·1 + 0.5·4 = 2.5 → 2.5 / 0.75.
    const out = smoothEma(xy([2, 4]), 0.5).map((p) => p.y);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(2.5 / 0.75, 12);
  });

  it('a constant stays constant, and NaN points pass through untouched', () => {
    const out = smoothEma(xy([5, Number.NaN, 5, 5]), 0.9);
    expect(out.map((p) => p.y)).toEqual(
      [5, Number.NaN, 5, 5].map((v, i) => (i === 1 ? v : expect.closeTo(5, 10))),
    );
  });
});
