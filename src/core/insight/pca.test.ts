import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { pca2, symmetricEigen } from './pca';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('symmetricEigen', () => {
  it('decomposes a 2 × 2 matrix with known eigenpairs', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 (along (1, 1)/√2) and 1 (along (1, −1)/√2).
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 10);
    expect(values[1]).toBeCloseTo(1, 10);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 10);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 10);
  });
});

/**
 * Data built from a known decomposition: X = S · Rᵀ with independent scores S of standard
 * deviations (5, 2, 0.5, 0.1, …) along the orthonormal columns of R (a random rotation).
 */
function knownData(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const r = Array.from({ length: d }, () => Array.from({ length: d }, gauss));
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < j; i++) {
      const p = dot(r[i], r[j]);
      r[j] = r[j].map((v, k) => v - p * r[i][k]);
    }
    const norm = Math.hypot(...r[j]);
    r[j] = r[j].map((v) => v / norm);
  }
  const sd = Array.from({ length: d }, (_, j) => [5, 2, 0.5][j] ?? 0.1);
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const s = sd.map((v) => v * gauss());
    for (let k = 0; k < d; k++) values[i * d + k] = 3 + s.reduce((a, v, j) => a + v * r[j][k], 0);
  }
  return { values, r, sd };
}

describe('pca2', () => {
  it('finds the axes and variance shares of a known decomposition', () => {
    for (const d of [3, 40]) {
      const { values, r } = knownData(4000, d, 7);
      const p = pca2({ values, rows: 4000, cols: d });
      // Up to sign, the axes are the first two directions of R.
      expect(Math.abs(dot(p.axes[0], r[0]))).toBeGreaterThan(0.999);
      expect(Math.abs(dot(p.axes[1], r[1]))).toBeGreaterThan(0.995);
      // Variances 25 and 4 of 25 + 4 + 0.25 + 0.01·(d − 3): shares within sampling noise.
      const total = 25 + 4 + 0.25 + 0.01 * (d - 3);
      expect(p.explained[0]).toBeCloseTo(25 / total, 1);
      expect(p.explained[1]).toBeCloseTo(4 / total, 1);
      // Points are the centred rows' coordinates: mean 0, variance ≈ 25 on the first axis.
      const xs = Array.from({ length: 4000 }, (_, i) => p.points[i * 2]);
      expect(Math.abs(xs.reduce((a, b) => a + b, 0) / 4000)).toBeLessThan(1e-3);
      expect(Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / 3999)).toBeCloseTo(5, 0);
    }
  });

  it('is exact on points along a line, and the same for the same data', () => {
    const values = [0, 0, 1, 2, 2, 4, 3, 6];
    const a = pca2({ values, rows: 4, cols: 2 });
    expect(a.explained[0]).toBeCloseTo(1, 10);
    expect(a.axes[0][0]).toBeCloseTo(1 / Math.sqrt(5), 10);
    expect(a.axes[0][1]).toBeCloseTo(2 / Math.sqrt(5), 10);
    expect(pca2({ values, rows: 4, cols: 2 }).points).toEqual(a.points);
  });

  it('returns orthonormal axes and keeps every point finite for any data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, d, seed) => {
          const rng = createRng(seed);
          // Some columns constant: rank-deficient data must not break it.
          const values = Array.from({ length: n * d }, (_, i) => (i % d === 0 ? 1 : rng() * 10));
          const p = pca2({ values, rows: n, cols: d });
          for (const v of p.points) expect(Number.isFinite(v)).toBe(true);
          for (const axis of p.axes) {
            const norm = dot(axis, axis);
            expect(norm < 1e-9 || Math.abs(norm - 1) < 1e-6).toBe(true);
          }
          expect(Math.abs(dot(p.axes[0], p.axes[1]))).toBeLessThan(1e-6);
          expect(p.explained[0] + p.explained[1]).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
