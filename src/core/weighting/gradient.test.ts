import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  cagradCoefficients,
  combinedNormSq,
  cosineMatrix,
  mgdaCoefficients,
  nashCoefficients,
  NASH_RIDGE,
  pcgradCoefficients,
} from './gradient';

/** Euclidean projection onto the probability simplex (Duchi et al. 2008): random simplex points. */
function projectToSimplex(v: readonly number[]): number[] {
  const sorted = [...v].sort((a, b) => b - a);
  let cumulative = 0;
  let theta = 0;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += sorted[i];
    const t = (cumulative - 1) / (i + 1);
    if (sorted[i] - t > 0) theta = t;
  }
  return v.map((x) => Math.max(x - theta, 0));
}

const gramOf = (gs: number[][]) =>
  gs.map((a) => gs.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
const combine = (gs: number[][], c: number[]) =>
  gs[0].map((_, d) => gs.reduce((s, g, i) => s + c[i] * g[d], 0));
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** Random small sets of task gradients: 2–4 tasks in 2–6 dimensions. */
const gradients = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 6 }))
  .chain(([k, d]) =>
    fc.array(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d }),
      {
        minLength: k,
        maxLength: k,
      },
    ),
  )
  .filter((gs) => gs.every((g) => dot(g, g) > 1e-3));
/** As `gradients`, without pairs that cancel almost exactly (cosine below −0.999). */
const wellPosed = gradients.filter((gs) =>
  gs.every((a, i) =>
    gs.every((b, j) => i === j || dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b)) > -0.999),
  ),
);

describe('cosineMatrix', () => {
  it('gives 1 on the diagonal and the cosine of each pair', () => {
    const c = cosineMatrix(
      gramOf([
        [1, 0],
        [1, 1],
      ]),
    );
    expect(c[0][0]).toBeCloseTo(1);
    expect(c[0][1]).toBeCloseTo(1 / Math.SQRT2);
    expect(c[1][0]).toBeCloseTo(1 / Math.SQRT2);
  });
});

describe('MGDA min-norm coefficients', () => {
  it('splits two orthogonal unit gradients evenly', () => {
    const a = mgdaCoefficients(
      gramOf([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(a[0]).toBeCloseTo(0.5);
    expect(a[1]).toBeCloseTo(0.5);
  });

  it('puts all weight on the smaller gradient when it is the min-norm point', () => {
    // g₂ = (0.5, 0) lies on the segment towards g₁ = (2, 0): the hull's closest point is g₂.
    expect(
      mgdaCoefficients(
        gramOf([
          [2, 0],
          [0.5, 0],
        ]),
      ),
    ).toEqual([0, 1]);
  });

  it('finds the closest hull point of two gradients: (1,0) and (0,2) → α = (0.8, 0.2)', () => {
    // ‖γ(1,0) + (1−γ)(0,2)‖² = γ² + 4(1−γ)² is smallest at γ = 4/5.
    const a = mgdaCoefficients(
      gramOf([
        [1, 0],
        [0, 2],
      ]),
    );
    expect(a[0]).toBeCloseTo(0.8);
    expect(a[1]).toBeCloseTo(0.2);
  });

  it('reaches the min-norm point of three gradients by Frank–Wolfe', () => {
    // Three orthogonal unit gradients: the centroid, α = (⅓, ⅓, ⅓).
    const a = mgdaCoefficients(
      gramOf([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    );
    a.forEach((v) => expect(v).toBeCloseTo(1 / 3, 3));
  });

  it('returns a simplex point no other simplex point beats (property)', () => {
    fc.assert(
      fc.property(
        gradients,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (gs, raw) => {
          const m = gramOf(gs);
          const alpha = mgdaCoefficients(m);
          expect(alpha.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
          alpha.forEach((v) => expect(v).toBeGreaterThanOrEqual(-1e-9));
          const other = projectToSimplex(raw.slice(0, gs.length));
          expect(combinedNormSq(m, alpha)).toBeLessThanOrEqual(combinedNormSq(m, other) + 1e-4);
        },
      ),
      { seed: 7 },
    );
  });
});

describe('PCGrad coefficients', () => {
  it('removes exactly the conflicting component', () => {
    // g₁ = (1,0), g₂ = (−1,1): g₁' = g₁ + ½g₂ = (½,½) ⟂ g₂, g₂' = g₂ + g₁ = (0,1) ⟂ g₁.
    const gs = [
      [1, 0],
      [-1, 1],
    ];
    const c = pcgradCoefficients(gramOf(gs), createRng(1));
    expect(c[0]).toBeCloseTo(2);
    expect(c[1]).toBeCloseTo(1.5);
    const sum = combine(gs, c);
    expect(sum[0]).toBeCloseTo(0.5);
    expect(sum[1]).toBeCloseTo(1.5);
  });

  it('leaves gradients that do not conflict alone', () => {
    expect(
      pcgradCoefficients(
        gramOf([
          [1, 0],
          [1, 1],
        ]),
        createRng(1),
      ),
    ).toEqual([1, 1]);
  });

  it('depends on the visiting order for three tasks, as the paper describes', () => {
    const m = gramOf([
      [1, 0],
      [-1, 0.2],
      [-0.2, -1],
    ]);
    const a = pcgradCoefficients(m, createRng(1), [
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
    const b = pcgradCoefficients(m, createRng(1), [
      [2, 1],
      [2, 0],
      [1, 0],
    ]);
    expect(a).not.toEqual(b);
  });

  it('sums two tasks into a direction that no longer works against either (property)', () => {
    fc.assert(
      fc.property(gradients, (gs) => {
        const [g1, g2] = gs;
        const m = gramOf([g1, g2]);
        const c = pcgradCoefficients(m, createRng(3));
        if (m[0][1] >= 0) {
          expect(c).toEqual([1, 1]);
          return;
        }
        // g₁'·g₁ = ‖g₁‖² − (g₁·g₂)²/‖g₂‖² ≥ 0 and g₂'·g₁ = 0, and the same for g₂.
        const total = combine([g1, g2], c);
        expect(dot(total, g1)).toBeGreaterThanOrEqual(-1e-9 * m[0][0]);
        expect(dot(total, g2)).toBeGreaterThanOrEqual(-1e-9 * m[1][1]);
      }),
      { seed: 11 },
    );
  });
});

describe('projectToSimplex', () => {
  it('keeps simplex points and projects others', () => {
    expect(projectToSimplex([0.3, 0.7])).toEqual([0.3, 0.7]);
    const p = projectToSimplex([2, 0]);
    expect(p).toEqual([1, 0]);
    const q = projectToSimplex([0.5, 0.5, 0.5]);
    q.forEach((v) => expect(v).toBeCloseTo(1 / 3));
  });
});

describe('CAGrad coefficients', () => {
  it('gives two orthogonal unit gradients (½)(1 + c)/(1 + c²) each', () => {
    // By symmetry w = (½,½), g_w = g₀, λ = c, d = (1 + c)·g₀, rescaled by 1/(1 + c²).
    const c = cagradCoefficients(
      gramOf([
        [1, 0],
        [0, 1],
      ]),
      0.5,
    );
    expect(c[0]).toBeCloseTo((0.5 * 1.5) / 1.25, 4);
    expect(c[1]).toBeCloseTo((0.5 * 1.5) / 1.25, 4);
  });

  it('is plain averaging at c = 0', () => {
    expect(
      cagradCoefficients(
        gramOf([
          [1, 0],
          [-3, 1],
        ]),
        0,
      ),
    ).toEqual([0.5, 0.5]);
  });

  it('stays in its ball around g₀ and helps the worst task at least as much as g₀ (property)', () => {
    fc.assert(
      fc.property(wellPosed, fc.double({ min: 0.1, max: 0.9, noNaN: true }), (gs, cc) => {
        const k = gs.length;
        const m = gramOf(gs);
        const coefficients = cagradCoefficients(m, cc);
        const d = combine(
          gs,
          coefficients.map((v) => v * (1 + cc * cc)),
        );
        const g0 = combine(gs, new Array<number>(k).fill(1 / k));
        const offset = d.map((v, i) => v - g0[i]);
        const g0Norm = Math.sqrt(dot(g0, g0));
        expect(Math.sqrt(dot(offset, offset))).toBeLessThanOrEqual(cc * g0Norm * (1 + 1e-6) + 1e-9);
        const worst = (v: number[]) => Math.min(...gs.map((g) => dot(g, v)));
        // d maximises the worst gᵢ·d over the ball; g₀ is in the ball.
        const scale = Math.max(...m.map((row, i) => row[i]));
        expect(worst(d)).toBeGreaterThanOrEqual(worst(g0) - 1e-3 * scale);
      }),
      { seed: 5 },
    );
  });
});

describe('Nash-MTL coefficients', () => {
  it('solves (Mα)ᵢαᵢ = 1 for orthogonal unit gradients: αᵢ = (√2/(1 + √2·ridge))^{1/2}', () => {
    // M/‖M‖_F = I/√2, plus the ridge on the diagonal.
    const expected = Math.sqrt(1 / (1 / Math.SQRT2 + NASH_RIDGE));
    const a = nashCoefficients(
      gramOf([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(a[0]).toBeCloseTo(expected, 6);
    expect(a[1]).toBeCloseTo(expected, 6);
  });

  it('gives a gradient ten times larger a tenth of the weight (scale invariance)', () => {
    const a = nashCoefficients(
      gramOf([
        [10, 0],
        [0, 1],
      ]),
    );
    expect(a[0] / a[1]).toBeCloseTo(0.1, 2);
  });

  it('satisfies the bargaining condition on random gradients (property)', () => {
    fc.assert(
      fc.property(gradients, (gs) => {
        const m = gramOf(gs);
        const f = Math.sqrt(m.flat().reduce((s, v) => s + v * v, 0));
        const a = nashCoefficients(m);
        a.forEach((ai, i) => {
          expect(ai).toBeGreaterThan(0);
          const mi = m[i].reduce((s, v, j) => s + (v / f + (i === j ? NASH_RIDGE : 0)) * a[j], 0);
          expect(mi * ai).toBeCloseTo(1, 4);
        });
      }),
      { seed: 9 },
    );
  });
});
