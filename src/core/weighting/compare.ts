/** Comparing runs: multi-task gain over single-task baselines, Pareto fronts, weight sweeps. */

export interface TaskResult {
  task: string;
  /** The multi-task run's final validation metric. */
  metric: number;
  /** The single-task baseline's final validation metric. */
  baseline: number;
  /** Error-like metrics (MSE): lower is better. */
  lowerIsBetter: boolean;
}

/** Relative change of one task against its baseline, signed so that positive means better. */
export function relativeGain(r: TaskResult): number {
  const sign = r.lowerIsBetter ? -1 : 1;
  return (sign * (r.metric - r.baseline)) / Math.abs(r.baseline);
}

/**
 * Δm = (1/T)·Σₜ (−1)^{lₜ}·(Mₜ − M_STL,ₜ)/M_STL,ₜ with lₜ = 1 where lower is better (Maninis et
 * al. 2019; Vandenhende et al. 2021): the mean relative gain over the single-task baselines.
 * Positive: multi-task learning helped on average. NaN without tasks or with a zero baseline.
 */
export function deltaM(results: readonly TaskResult[]): number {
  if (results.length === 0) return NaN;
  return results.reduce((s, r) => s + relativeGain(r), 0) / results.length;
}

export interface ParetoPoint {
  id: string;
  x: number;
  y: number;
}

/**
 * The points no other point dominates (at least as good on both axes and better on one), sorted
 * by x. `higherIsBetter` gives the direction of each axis.
 */
export function paretoFront(
  points: readonly ParetoPoint[],
  higherIsBetter: readonly [boolean, boolean],
): ParetoPoint[] {
  const sx = higherIsBetter[0] ? 1 : -1;
  const sy = higherIsBetter[1] ? 1 : -1;
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const dominates = (a: ParetoPoint, b: ParetoPoint) =>
    sx * a.x >= sx * b.x && sy * a.y >= sy * b.y && (sx * a.x > sx * b.x || sy * a.y > sy * b.y);
  return finite
    .filter((p) => !finite.some((q) => dominates(q, p)))
    .sort((a, b) => a.x - b.x || a.y - b.y);
}

/**
 * `count` static weight pairs for a two-task sweep, from favouring the second task to favouring
 * the first; each pair sums to 2, so the middle one is Equal's (1, 1).
 */
export function sweepWeightPairs(count = 7): [number, number][] {
  if (count < 2) return [[1, 1]];
  return Array.from({ length: count }, (_, i) => {
    const a = Math.round((0.1 + (1.8 * i) / (count - 1)) * 1000) / 1000;
    return [a, Math.round((2 - a) * 1000) / 1000];
  });
}
