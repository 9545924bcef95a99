import type { StepPoint } from '../core/training/history';

/** Most points kept per run; older halves are thinned so charts stay fast on long runs. */
export const MAX_POINTS = 1500;

/** Appends points, halving the resolution of the older half whenever the cap is reached. */
export function appendBounded(
  points: readonly StepPoint[],
  added: readonly StepPoint[],
): StepPoint[] {
  const next = [...points, ...added];
  if (next.length <= MAX_POINTS) return next;
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 1), ...next.slice(half)];
}

/** Every k-th point and the last, so at most `max` remain. */
export function thinTo(points: readonly StepPoint[], max: number): StepPoint[] {
  if (points.length <= max) return [...points];
  const stride = Math.ceil(points.length / max);
  return points.filter((_, i) => i % stride === 0 || i === points.length - 1);
}
