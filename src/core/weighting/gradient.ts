/**
 * Gradient-level strategies as functions of the Gram matrix Mᵢⱼ = gᵢ·gⱼ of the task gradients.
 * Each returns coefficients c such that the shared update is Σᵢ cᵢ·gᵢ: the gradients themselves
 * are never needed here, so the maths runs on K×K numbers whatever the model's size.
 */
import { permutation, type Rng } from '../random';

export type Gram = readonly (readonly number[])[];

const dot = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, v, i) => sum + v * b[i], 0);
const times = (m: Gram, v: readonly number[]) => m.map((row) => dot(row, v));
/** ‖Σ cᵢgᵢ‖² = cᵀMc. */
export const combinedNormSq = (m: Gram, c: readonly number[]) => dot(c, times(m, c));

/** Cosine similarity of every pair of task gradients; 0 where a gradient is zero. */
export function cosineMatrix(m: Gram): number[][] {
  return m.map((row, i) =>
    row.map((v, j) => {
      const d = Math.sqrt(m[i][i] * m[j][j]);
      return d > 0 ? v / d : 0;
    }),
  );
}

/**
 * γ minimising ‖γ·v₁ + (1−γ)·v₂‖² over [0, 1], from v₁·v₁, v₁·v₂, v₂·v₂ (Sener & Koltun, Alg. 1).
 */
export function minNormOnSegment(v11: number, v12: number, v22: number): number {
  if (v12 >= v11) return 1;
  if (v12 >= v22) return 0;
  const denominator = v11 + v22 - 2 * v12;
  return denominator > 0 ? (v22 - v12) / denominator : 0.5;
}

/**
 * MGDA: the point of the convex hull of the gradients closest to the origin, α on the simplex
 * minimising ‖Σ αᵢgᵢ‖². Two tasks in closed form; more by Frank–Wolfe from the uniform point.
 */
export function mgdaCoefficients(m: Gram, maxIterations = 250, tolerance = 1e-8): number[] {
  const k = m.length;
  if (k === 1) return [1];
  if (k === 2) {
    const g = minNormOnSegment(m[0][0], m[0][1], m[1][1]);
    return [g, 1 - g];
  }
  let alpha = new Array<number>(k).fill(1 / k);
  for (let it = 0; it < maxIterations; it++) {
    const ma = times(m, alpha);
    // The vertex most opposed to the current point is the Frank–Wolfe direction.
    let t = 0;
    for (let i = 1; i < k; i++) if (ma[i] < ma[t]) t = i;
    const gamma = minNormOnSegment(dot(alpha, ma), ma[t], m[t][t]);
    const next = alpha.map((a, i) => gamma * a + (1 - gamma) * (i === t ? 1 : 0));
    const change = next.reduce((s, v, i) => s + Math.abs(v - alpha[i]), 0);
    alpha = next;
    if (change < tolerance) break;
  }
  return alpha;
}

/**
 * PCGrad: each gᵢ is projected, in a random order of the other tasks j, onto the normal plane of
 * the original gⱼ whenever they conflict (gᵢ'·gⱼ < 0); the projected gradients are summed. Every
 * projected gradient stays a combination of the originals, so the sum is returned as
 * coefficients on them. `orders[i]` may fix the visiting order (tests).
 */
export function pcgradCoefficients(m: Gram, rng: Rng, orders?: readonly number[][]): number[] {
  const k = m.length;
  const total = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const c = new Array<number>(k).fill(0);
    c[i] = 1;
    const order = orders?.[i] ?? Array.from(permutation(k, rng));
    for (const j of order) {
      if (j === i || !(m[j][j] > 0)) continue;
      const conflict = dot(c, m[j]); // gᵢ'·gⱼ
      if (conflict < 0) c[j] -= conflict / m[j][j];
    }
    c.forEach((v, j) => (total[j] += v));
  }
  return total;
}

/** Minimiser of a convex function on [lo, hi] by golden-section search. */
function minimiseOnInterval(f: (t: number) => number, lo: number, hi: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60 && b - a > 1e-12; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * CAGrad (Liu et al. 2021): with g₀ the average gradient, w on the simplex minimises
 * g_wᵀg₀ + c‖g₀‖·‖g_w‖; the update is d = g₀ + (c‖g₀‖/‖g_w‖)·g_w, divided by 1 + c² (the
 * authors' default rescaling). The convex minimisation moves weight between pairs of tasks with
 * an exact line search each time (a kink where g_w = 0 would stall plain gradient descent).
 */
export function cagradCoefficients(m: Gram, c: number, sweeps = 100): number[] {
  const k = m.length;
  const scale = Math.max(...m.map((row, i) => row[i]));
  if (!(scale > 0)) return new Array<number>(k).fill(1 / k);
  // Both terms scale alike with M, so a normalised M has the same minimiser.
  const a = m.map((row) => row.map((v) => v / scale));
  const b = new Array<number>(k).fill(1 / k);
  const ab = times(a, b);
  const g0Norm = Math.sqrt(Math.max(dot(b, ab), 0));
  const radius = c * g0Norm;
  const objective = (w: readonly number[]) =>
    dot(w, ab) + radius * Math.sqrt(Math.max(combinedNormSq(a, w), 0));
  const w = [...b];
  let value = objective(w);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const before = value;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const moved = (t: number) => w.map((x, n) => (n === i ? x + t : n === j ? x - t : x));
        const t = minimiseOnInterval((t) => objective(moved(t)), -w[i], w[j]);
        const candidate = moved(t);
        const candidateValue = objective(candidate);
        if (candidateValue < value) {
          candidate.forEach((x, n) => (w[n] = Math.max(x, 0)));
          value = candidateValue;
        }
      }
    }
    if (before - value < 1e-14) break;
  }
  const gwNorm = Math.sqrt(Math.max(combinedNormSq(a, w), 0));
  const lambda = gwNorm > 0 ? radius / gwNorm : 0;
  return w.map((wi) => (1 / k + lambda * wi) / (1 + c * c));
}

/** Solves a small dense system A·x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Ridge added to the normalised Gram matrix, so opposite gradients still have a solution. */
export const NASH_RIDGE = 1e-3;

/**
 * Nash-MTL (Navon et al. 2022): α > 0 with (Mα)ᵢ·αᵢ = 1, M the Gram matrix divided by its
 * Frobenius norm (as the authors do). That is the minimiser of the strictly convex
 * φ(α) = ½αᵀMα − Σ log αᵢ, found by damped Newton steps that keep α positive.
 */
export function nashCoefficients(m: Gram, iterations = 50): number[] {
  const k = m.length;
  const frobenius = Math.sqrt(m.reduce((s, row) => s + dot(row, row), 0));
  if (!(frobenius > 0)) return new Array<number>(k).fill(1);
  const a = m.map((row, i) => row.map((v, j) => v / frobenius + (i === j ? NASH_RIDGE : 0)));
  const phi = (x: readonly number[]) =>
    0.5 * dot(x, times(a, x)) - x.reduce((s, v) => s + Math.log(v), 0);
  let alpha = new Array<number>(k).fill(1);
  for (let it = 0; it < iterations; it++) {
    const ax = times(a, alpha);
    const gradient = ax.map((v, i) => v - 1 / alpha[i]);
    if (Math.max(...gradient.map(Math.abs)) < 1e-10) break;
    const hessian = a.map((row, i) => row.map((v, j) => v + (i === j ? 1 / alpha[i] ** 2 : 0)));
    const direction = solve(
      hessian,
      gradient.map((g) => -g),
    );
    let t = 1;
    // Stay in α > 0, then backtrack until φ decreases (Armijo).
    for (let i = 0; i < k; i++) {
      if (direction[i] < 0) t = Math.min(t, (-0.99 * alpha[i]) / direction[i]);
    }
    const slope = dot(gradient, direction);
    const current = phi(alpha);
    while (
      t > 1e-12 &&
      phi(alpha.map((x, i) => x + t * direction[i])) > current + 1e-4 * t * slope
    ) {
      t /= 2;
    }
    alpha = alpha.map((x, i) => x + t * direction[i]);
  }
  return alpha;
}
