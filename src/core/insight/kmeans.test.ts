import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { nmi, purity } from './clusterScores';
import { kmeans, kmeansPlusPlus } from './kmeans';

/** Three tight blobs around (0, 0), (10, 0) and (0, 10); labels say which. */
function blobs(perBlob: number, seed: number) {
  const rng = createRng(seed);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const values: number[] = [];
  const labels: number[] = [];
  centres.forEach(([x, y], c) => {
    for (let i = 0; i < perBlob; i++) {
      values.push(x + rng() - 0.5, y + rng() - 0.5);
      labels.push(c);
    }
  });
  return { data: { values, rows: perBlob * 3, cols: 2 }, labels };
}

describe('k-means', () => {
  it('gives the same centres and clusters for the same seed', () => {
    const { data } = blobs(50, 3);
    expect(kmeansPlusPlus(data, 3, 11)).toEqual(kmeansPlusPlus(data, 3, 11));
    expect(kmeans(data, 3, 11).assignment).toEqual(kmeans(data, 3, 11).assignment);
    expect(kmeansPlusPlus(data, 3, 11)).not.toEqual(kmeansPlusPlus(data, 3, 12));
  });

  it('k-means++ spreads its seeds: three different blobs almost always', () => {
    // Uniformly random seeds land in three different blobs 2 times in 9; k-means++ draws the
    // next seed by squared distance (≈ 100 to another blob, < 0.5 within one).
    const { data, labels } = blobs(50, 3);
    let spread = 0;
    for (let seed = 0; seed < 100; seed++) {
      const centres = kmeansPlusPlus(data, 3, seed);
      const blobOf = (c: number) =>
        labels[findRow(data.values, centres[c * 2], centres[c * 2 + 1])];
      if (new Set([0, 1, 2].map(blobOf)).size === 3) spread++;
    }
    expect(spread).toBeGreaterThanOrEqual(95);
  });

  it('recovers well-separated blobs: purity 1 and NMI 1', () => {
    const { data, labels } = blobs(40, 5);
    const result = kmeans(data, 3, 1);
    expect(purity(result.assignment, labels)).toBe(1);
    expect(nmi(result.assignment, labels)).toBeCloseTo(1, 10);
    // Each blob spans a unit square: inertia is small against the blobs' distance.
    expect(result.inertia / data.rows).toBeLessThan(0.5);
  });

  it('clamps k to the number of rows', () => {
    const result = kmeans({ values: [1, 2, 3], rows: 3, cols: 1 }, 10, 1);
    expect(new Set(result.assignment).size).toBe(3);
  });
});

function findRow(values: number[], x: number, y: number): number {
  for (let i = 0; i < values.length / 2; i++)
    if (values[i * 2] === x && values[i * 2 + 1] === y) return i;
  throw new Error('centre is not a data row');
}

describe('purity and NMI on hand-made clusterings', () => {
  it('a renamed perfect clustering scores 1', () => {
    expect(purity([2, 2, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2])).toBe(1);
    expect(nmi([2, 2, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(1, 12);
  });

  it('an independent clustering has NMI 0 and purity of the majority class', () => {
    // Each cluster holds one of each label.
    expect(nmi([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    expect(purity([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0.5);
  });

  it('matches hand-computed values on a partial match', () => {
    // Clusters {a, a, b} and {b, b, b}: purity (2 + 3) / 6.
    const clusters = [0, 0, 0, 1, 1, 1];
    const labels = [0, 0, 1, 1, 1, 1];
    expect(purity(clusters, labels)).toBeCloseTo(5 / 6, 12);
    // I = Σ p(c,l) log(p(c,l) / p(c)p(l)) with p(c) = ½, p(l) = (⅓, ⅔).
    const mi =
      (2 / 6) * Math.log(2 / 6 / ((1 / 2) * (1 / 3))) +
      (1 / 6) * Math.log(1 / 6 / ((1 / 2) * (2 / 3))) +
      (3 / 6) * Math.log(3 / 6 / ((1 / 2) * (2 / 3)));
    const hc = Math.log(2);
    const hl = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3));
    expect(nmi(clusters, labels)).toBeCloseTo(mi / ((hc + hl) / 2), 12);
  });

  it('leaves out rows without a label (padding)', () => {
    expect(purity([0, 0, 1, 1, 1], [0, 0, 1, 1, -1])).toBe(1);
    expect(nmi([0, 0, 1, 1, 0], [0, 0, 1, 1, -1])).toBeCloseTo(1, 12);
  });
});
