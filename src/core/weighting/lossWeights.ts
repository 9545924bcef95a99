/** Weights of the loss-level strategies, as plain numbers. K is the number of tasks. */
import type { Rng } from '../random';

/** Numerically stable softmax. */
export function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * Dynamic Weight Average: wᵢ = K·exp(rᵢ/τ) / Σⱼ exp(rⱼ/τ), rᵢ = Lᵢ(t−1)/Lᵢ(t−2) from the mean
 * training losses of the last two epochs, oldest first; weight 1 each until two epochs are done.
 */
export function dwaWeights(
  epochLosses: readonly (readonly number[])[],
  tau: number,
  k: number,
): number[] {
  if (epochLosses.length < 2) return new Array<number>(k).fill(1);
  const last = epochLosses[epochLosses.length - 1];
  const before = epochLosses[epochLosses.length - 2];
  const ratios = last.map((l, i) => (before[i] > 0 ? l / before[i] : 1));
  return softmax(ratios.map((r) => r / tau)).map((p) => p * k);
}

/** Box–Muller: one draw from N(0, 1). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Random Loss Weighting: K·softmax(z), z ~ N(0, I), fresh each step. */
export function randomWeights(k: number, rng: Rng): number[] {
  return softmax(Array.from({ length: k }, () => normal(rng))).map((p) => p * k);
}

/**
 * The weights the geometric loss G = (Π Lᵢ)^{1/K} gives each task through its gradient:
 * ∂G/∂Lᵢ = G/(K·Lᵢ).
 */
export function geometricWeights(losses: readonly number[]): number[] {
  const k = losses.length;
  const g = Math.exp(losses.reduce((a, l) => a + Math.log(l), 0) / k);
  return losses.map((l) => g / (k * l));
}

/** The weight 1/(2·e^{s}) that uncertainty weighting gives a task with log-variance s. */
export const uncertaintyWeight = (s: number): number => 1 / (2 * Math.exp(s));

export interface GradNormInput {
  /** Current weights wᵢ (sum K). */
  weights: readonly number[];
  /** ‖∇Lᵢ‖ of the unweighted loss on the shared representation. */
  gradNorms: readonly number[];
  losses: readonly number[];
  /** Each task's loss at the first step (L̃ᵢ = Lᵢ/Lᵢ(0)). */
  initialLosses: readonly number[];
  alpha: number;
  /** Step size relative to the mean weighted norm. */
  rate: number;
}

/**
 * One GradNorm update (Chen et al. 2018). With Gᵢ = wᵢ‖∇Lᵢ‖, Ḡ their mean and rᵢ = L̃ᵢ/mean(L̃),
 * each weight moves so that Gᵢ approaches its target Ḡ·rᵢ^α (held constant, as in the paper).
 * The step is multiplicative, wᵢ ← wᵢ·exp(−η·(Gᵢ − Ḡrᵢ^α)/Ḡ): scale-free, it never makes a
 * weight negative and settles where the paper's L_grad = Σ|Gᵢ − Ḡrᵢ^α| is zero. The weights are
 * then renormalised to sum K.
 */
export function gradNormStep(input: GradNormInput): number[] {
  const { weights, gradNorms, losses, initialLosses, alpha, rate } = input;
  const k = weights.length;
  const weighted = weights.map((w, i) => w * gradNorms[i]);
  const meanG = weighted.reduce((a, b) => a + b, 0) / k;
  if (!(meanG > 0)) return [...weights];
  const inverseRates = losses.map((l, i) => (initialLosses[i] > 0 ? l / initialLosses[i] : 1));
  const meanRate = inverseRates.reduce((a, b) => a + b, 0) / k;
  const next = weights.map((w, i) => {
    const target = meanG * Math.pow(inverseRates[i] / meanRate, alpha);
    return w * Math.exp((-rate * (weighted[i] - target)) / meanG);
  });
  const sum = next.reduce((a, b) => a + b, 0);
  return next.map((w) => (w * k) / sum);
}
