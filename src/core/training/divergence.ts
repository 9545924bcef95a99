import { LIMITS, type TrainConfig } from './config';

/** Training met a loss or gradient that is not a finite number, and stopped. */
export interface Divergence {
  /** The first step whose loss or gradient was NaN or ±∞. */
  step: number;
  /** Tasks whose loss was not finite at that step; empty when only the update was. */
  tasks: string[];
  /** The step's update left a weight NaN or infinite (its gradient was, or overflowed). */
  gradient: boolean;
  /** The step of the last good weights, which the model has been put back to. */
  restoredStep: number;
}

/**
 * Reads a window of `steps` steps starting at `firstStep`: `leading[j]` counts the steps, from the
 * window's first, whose value j was finite before the first that was not, over [objective, one
 * loss per task]; `weightsFinite` says whether the weights after the window's last step are.
 * The earliest value that fell short names the step, and every loss that went bad at that step
 * is blamed. Weights that went bad show in the next step's losses, except after the last step:
 * then the last step's update is blamed. Null when everything was finite.
 */
export function findDivergence(
  leading: ArrayLike<number>,
  steps: number,
  firstStep: number,
  tasks: readonly string[],
  restoredStep: number,
  weightsFinite: boolean,
): Divergence | null {
  const badAt = (j: number) => (leading[j] < steps ? firstStep + leading[j] : Infinity);
  let earliest = Infinity;
  for (let j = 0; j <= tasks.length; j++) earliest = Math.min(earliest, badAt(j));
  if (Number.isFinite(earliest)) {
    return {
      step: earliest,
      tasks: tasks.filter((_, i) => badAt(1 + i) === earliest),
      gradient: false,
      restoredStep,
    };
  }
  if (weightsFinite) return null;
  return { step: firstStep + steps - 1, tasks: [], gradient: true, restoredStep };
}

/** The sentence that says what happened, for the status line and the callout. */
export function describeDivergence(d: Divergence, label: (task: string) => string): string {
  const what =
    d.tasks.length > 0
      ? `the loss of ${d.tasks.map(label).join(' and ')} became NaN or infinite`
      : d.gradient
        ? 'the gradient became NaN or infinite'
        : 'the combined loss (what the weighting strategy minimises) became NaN or infinite';
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
