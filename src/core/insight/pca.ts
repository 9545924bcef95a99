import { createRng } from '../random';

/** A data matrix: `n` rows of `d` values, row-major. */
export interface Matrix {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
}

export interface Projection {
  /** Row-major [n × 2]: each row's coordinates on the two principal axes. */
  points: Float32Array;
  /** The two principal axes (unit vectors of length d), largest variance first. */
  axes: [Float64Array, Float64Array];
  /** Share of the total variance along each axis (0 when the data has none). */
  explained: [number, number];
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: A = V Λ Vᵀ.
 * Returns eigenvalues in decreasing order and the eigenvectors as columns of V (row-major k × k).
 */
export function symmetricEigen(
  a: Float64Array,
  k: number,
): { values: number[]; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        // The rotation angle that zeroes A[p][q] (Golub & Van Loan, §8.5).
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p];
          const arq = m[r * k + q];
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r];
          const aqr = m[q * k + r];
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => m[y * k + y] - m[x * k + x]);
  const vectors = new Float64Array(k * k);
  order.forEach((col, j) => {
    for (let r = 0; r < k; r++) vectors[r * k + j] = v[r * k + col];
  });
  return { values: order.map((i) => m[i * k + i]), vectors };
}

/** Gram–Schmidt on the columns of q (d × k, row-major), twice for stability; drops nothing. */
function orthonormalize(q: Float64Array, d: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < d; r++) dot += q[r * k + i] * q[r * k + j];
        for (let r = 0; r < d; r++) q[r * k + j] -= dot * q[r * k + i];
      }
      let norm = 0;
      for (let r = 0; r < d; r++) norm += q[r * k + j] ** 2;
      norm = Math.sqrt(norm);
      // A column with nothing left (rank-deficient data) keeps a zero direction.
      for (let r = 0; r < d; r++) q[r * k + j] = norm > 1e-12 ? q[r * k + j] / norm : 0;
    }
  }
}

/** y = X q for centred X (n × d) and q (d × k): n × k. */
function project(x: Float64Array, n: number, d: number, q: Float64Array, k: number): Float64Array {
  const y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < d; r++) {
      const xv = x[i * d + r];
      if (xv === 0) continue;
      for (let j = 0; j < k; j++) y[i * k + j] += xv * q[r * k + j];
    }
  }
  return y;
}

/** Block size of the subspace iteration: two wanted axes plus oversampling. */
const BLOCK = 10;
const ITERATIONS = 30;

/**
 * Principal component analysis to two dimensions. The top eigenvectors of the covariance
 * C = XᵀX / (n − 1) of the centred data are found by subspace iteration (Q ← orthonormal(C Q),
 * never forming C) on a seeded random block, then Rayleigh–Ritz on QᵀCQ; with d ≤ 10 the block
 * spans the whole space and the result is exact. Axis signs are fixed so each axis's largest
 * entry is positive, so the same data always draws the same picture.
 */
export function pca2(data: Matrix, seed = 1): Projection {
  const { rows: n, cols: d } = data;
  const x = new Float64Array(n * d);
  for (let r = 0; r < d; r++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data.values[i * d + r];
    mean /= Math.max(1, n);
    for (let i = 0; i < n; i++) x[i * d + r] = data.values[i * d + r] - mean;
  }
  let total = 0;
  for (const v of x) total += v * v;

  const k = Math.min(BLOCK, d);
  const q = new Float64Array(d * k);
  if (k === d) {
    for (let i = 0; i < d; i++) q[i * k + i] = 1;
  } else {
    const rng = createRng(seed);
    for (let i = 0; i < q.length; i++) q[i] = rng() - 0.5;
    orthonormalize(q, d, k);
    for (let it = 0; it < ITERATIONS; it++) {
      const y = project(x, n, d, q, k);
      // q ← Xᵀ y
      q.fill(0);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < d; r++) {
          const xv = x[i * d + r];
          if (xv === 0) continue;
          for (let j = 0; j < k; j++) q[r * k + j] += xv * y[i * k + j];
        }
      }
      orthonormalize(q, d, k);
    }
  }
  // Rayleigh–Ritz: B = (XQ)ᵀ(XQ) is QᵀXᵀXQ, small and symmetric.
  const y = project(x, n, d, q, k);
  const b = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      for (let c = a; c < k; c++) b[a * k + c] += y[i * k + a] * y[i * k + c];
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) b[a * k + c] = b[c * k + a];
  const eigen = symmetricEigen(b, k);
  const axes = [0, 1].map((j) => {
    const axis = new Float64Array(d);
    if (j >= k) return axis;
    for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += q[r * k + c] * eigen.vectors[c * k + j];
      axis[r] = s;
    }
    let largest = 0;
    for (let r = 0; r < d; r++) if (Math.abs(axis[r]) > Math.abs(axis[largest])) largest = r;
    if (axis[largest] < 0) for (let r = 0; r < d; r++) axis[r] = -axis[r];
    return axis;
  }) as [Float64Array, Float64Array];

  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += x[i * d + r] * axes[j][r];
      points[i * 2 + j] = s;
    }
  }
  const share = (j: number) => (total > 0 && j < k ? Math.max(0, eigen.values[j]) / total : 0);
  return { points, axes, explained: [share(0), share(1)] };
}
