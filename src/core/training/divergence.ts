import { LIMITS, type TrainConfig } from './config';

/** Training met a loss or gradient that is not a finite number, and stopped. */
export interface Divergence {
  /** The first step whose loss or gradient was NaN or ±∞. */
  step: number;
  /** Tasks whose loss was not finite at that step; empty when only the gradient was. */
  tasks: string[];
  /** The global gradient norm was not finite at that step. */
  gradient: boolean;
  /** The step of the last good weights, which the model has been put back to. */
  restoredStep: number;
}

/**
 * Reads a window's finiteness counts: `leading[j]` is how many of the window's `steps` steps, from
 * its first, had a finite value j, where j runs over [objective, one loss per task, gradient
 * norm]. The earliest j that fell short names the step; every value that went bad at that same
 * step is blamed. Null when the whole window was finite.
 */
export function findDivergence(
  leading: ArrayLike<number>,
  steps: number,
  firstStep: number,
  tasks: readonly string[],
  restoredStep: number,
): Divergence | null {
  const badAt = (j: number) => (leading[j] < steps ? firstStep + leading[j] : Infinity);
  const k = tasks.length;
  let earliest = Infinity;
  for (let j = 0; j < k + 2; j++) earliest = Math.min(earliest, badAt(j));
  if (!Number.isFinite(earliest)) return null;
  return {
    step: earliest,
    tasks: tasks.filter((_, i) => badAt(1 + i) === earliest),
    gradient: badAt(k + 1) === earliest,
    restoredStep,
  };
}

/** The sentence that says what happened, for the status line and the callout. */
export function describeDivergence(d: Divergence, label: (task: string) => string): string {
  const what =
    d.tasks.length > 0
      ? `the loss of ${d.tasks.map(label).join(' and ')} became NaN or infinite`
      : d.gradient
        ? 'the gradient became NaN or infinite'
        : 'the combined loss became NaN or infinite';
  return `Training stopped at step ${d.step}: ${what}. The model is back to its last good weights (step ${d.restoredStep}).`;
}

/** What usually tames a run that blew up: a 10× smaller learning rate, or gradient clipping. */
export interface Remedies {
  learningRate: number | null;
  clipNorm: number;
}

/** Gradient clipping's usual first setting (Pascanu et al. 2013 clip at norms around 1–10). */
export const SUGGESTED_CLIP_NORM = 1;

export function divergenceRemedies(
  train: Pick<TrainConfig, 'learningRate' | 'clipNorm'>,
): Remedies {
  const lower = Number((train.learningRate / 10).toPrecision(3));
  return {
    learningRate: lower >= LIMITS.learningRate.min ? lower : null,
    clipNorm:
      train.clipNorm > 0 ? Math.max(train.clipNorm / 10, LIMITS.clipNorm.min) : SUGGESTED_CLIP_NORM,
  };
}
