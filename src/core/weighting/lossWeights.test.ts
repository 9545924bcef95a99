import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  dwaWeights,
  geometricWeights,
  gradNormStep,
  randomWeights,
  softmax,
  uncertaintyWeight,
} from './lossWeights';

describe('loss-level weights', () => {
  it('DWA gives weight 1 for two epochs, then more to the task whose loss fell least', () => {
    expect(dwaWeights([], 2, 2)).toEqual([1, 1]);
    expect(dwaWeights([[1, 1]], 2, 2)).toEqual([1, 1]);
    // r = (0.5/1, 1/1) = (0.5, 1): w = 2·softmax((0.25, 0.5)).
    const w = dwaWeights(
      [
        [1, 1],
        [0.5, 1],
      ],
      2,
      2,
    );
    const e1 = Math.exp(0.25);
    const e2 = Math.exp(0.5);
    expect(w[0]).toBeCloseTo((2 * e1) / (e1 + e2));
    expect(w[1]).toBeCloseTo((2 * e2) / (e1 + e2));
  });

  it('RLW draws positive weights summing to K, different every step, reproducible per seed', () => {
    const rng = createRng(4);
    const a = randomWeights(3, rng);
    const b = randomWeights(3, rng);
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(3);
    a.forEach((v) => expect(v).toBeGreaterThan(0));
    expect(a).not.toEqual(b);
    expect(randomWeights(3, createRng(4))).toEqual(a);
  });

  it('RLW weights average 1 over many steps', () => {
    const rng = createRng(1);
    const sums = [0, 0];
    for (let i = 0; i < 4000; i++) randomWeights(2, rng).forEach((w, t) => (sums[t] += w));
    expect(sums[0] / 4000).toBeCloseTo(1, 1);
    expect(sums[1] / 4000).toBeCloseTo(1, 1);
  });

  it('GLS weighs each task by G/(K·Lᵢ): losses 1 and 100 get 5 and 0.05', () => {
    // G = √(1·100) = 10.
    const [a, b] = geometricWeights([1, 100]);
    expect(a).toBeCloseTo(10 / 2);
    expect(b).toBeCloseTo(10 / 200);
  });

  it('uncertainty weight is 1/(2e^s)', () => {
    expect(uncertaintyWeight(0)).toBe(0.5);
    expect(uncertaintyWeight(Math.log(2))).toBeCloseTo(0.25);
  });

  it('softmax is stable for large inputs', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });
});

describe('GradNorm step', () => {
  const base = { initialLosses: [1, 1], alpha: 1.5, rate: 0.025 };

  it('moves weight towards the task with the smaller gradient norm', () => {
    const w = gradNormStep({ ...base, weights: [1, 1], gradNorms: [10, 1], losses: [0.5, 0.5] });
    expect(w[0]).toBeLessThan(1);
    expect(w[1]).toBeGreaterThan(1);
    expect(w[0] + w[1]).toBeCloseTo(2);
  });

  it('favours the task that trains slower when norms are equal', () => {
    // Task 1 kept its loss (r large), task 0 halved it.
    const w = gradNormStep({ ...base, weights: [1, 1], gradNorms: [1, 1], losses: [0.5, 1] });
    expect(w[1]).toBeGreaterThan(w[0]);
  });

  it('drives a task whose gradient is 100× larger to a weight near 1/100 of the other', () => {
    let weights = [1, 1];
    for (let i = 0; i < 2000; i++) {
      weights = gradNormStep({ ...base, alpha: 0, weights, gradNorms: [100, 1], losses: [1, 1] });
    }
    // α = 0 equalises wᵢ‖∇Lᵢ‖: w₀·100 ≈ w₁·1.
    expect((weights[0] * 100) / weights[1]).toBeGreaterThan(0.8);
    expect((weights[0] * 100) / weights[1]).toBeLessThan(1.25);
  });

  it('keeps weights when every norm is zero', () => {
    expect(
      gradNormStep({ ...base, weights: [1.5, 0.5], gradNorms: [0, 0], losses: [1, 1] }),
    ).toEqual([1.5, 0.5]);
  });
});
