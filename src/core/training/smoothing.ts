import type { XY } from './downsample';

/**
 * Exponential moving average as TensorBoard draws it: sₜ = w·sₜ₋₁ + (1−w)·yₜ, divided by
 * (1 − wᵗ) so the start is not pulled towards 0. w = 0 leaves the curve as it is; w → 1 flattens it.
 */
export function smoothEma(data: readonly XY[], weight: number): XY[] {
  if (weight <= 0) return [...data];
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  return data.map((p) => {
    if (!Number.isFinite(p.y)) return p;
    last = w * last + (1 - w) * p.y;
    n++;
    return { x: p.x, y: last / (1 - w ** n) };
  });
}
