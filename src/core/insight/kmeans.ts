import { createRng } from '../random';
import type { Matrix } from './pca';

export interface Clustering {
  /** Cluster of each row. */
  assignment: Int32Array;
  /** Row-major [k × d] centres. */
  centroids: Float64Array;
  /** Sum of squared distances of rows to their centres. */
  inertia: number;
  iterations: number;
}

function distance2(data: Matrix, row: number, centres: Float64Array, c: number): number {
  const d = data.cols;
  let s = 0;
  for (let r = 0; r < d; r++) {
    const diff = data.values[row * d + r] - centres[c * d + r];
    s += diff * diff;
  }
  return s;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): the first centre is a random row, each next
 * one a row drawn with probability proportional to its squared distance to the nearest centre
 * so far. Deterministic for a seed.
 */
export function kmeansPlusPlus(data: Matrix, k: number, seed: number): Float64Array {
  const { rows: n, cols: d } = data;
  const rng = createRng(seed);
  const centres = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rng() * n);
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < d; r++) centres[c * d + r] = data.values[pick * d + r];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i], distance2(data, i, centres, c));
      sum += nearest[i];
    }
    if (c === k - 1) break;
    // Every row already sits on a centre: any row will do.
    if (sum === 0) {
      pick = Math.floor(rng() * n);
      continue;
    }
    let target = rng() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0) {
        pick = i;
        break;
      }
    }
  }
  return centres;
}

/**
 * Lloyd's k-means from k-means++ centres, until no row changes cluster (or `maxIterations`).
 * A cluster left empty keeps its old centre. `k` is clamped to the number of rows.
 */
export function kmeans(data: Matrix, k: number, seed: number, maxIterations = 100): Clustering {
  const { rows: n, cols: d } = data;
  k = Math.max(1, Math.min(k, n));
  const centroids = kmeansPlusPlus(data, k, seed);
  const assignment = new Int32Array(n).fill(-1);
  let iterations = 0;
  let inertia = 0;
  for (; iterations < maxIterations;) {
    iterations++;
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = distance2(data, i, centroids, c);
        if (dist < bestD) {
          bestD = dist;
          best = c;
        }
      }
      inertia += bestD;
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      counts[c]++;
      for (let r = 0; r < d; r++) sums[c * d + r] += data.values[i * d + r];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let r = 0; r < d; r++) centroids[c * d + r] = sums[c * d + r] / counts[c];
    }
  }
  return { assignment, centroids, inertia, iterations };
}
