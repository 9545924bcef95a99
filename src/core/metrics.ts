import type { TaskKind } from './tasks';

/** Name of the metric reported for each kind of task (and used in CSV exports). */
export function metricName(kind: TaskKind): string {
  switch (kind) {
    case 'classification':
      return 'accuracy';
    case 'sequenceLabeling':
      return 'token_accuracy';
    case 'regression':
    case 'reconstruction':
      return 'mse';
    default: {
      const never: never = kind;
      throw new Error(`unknown task kind ${String(never)}`);
    }
  }
}

/**
 * Fraction of positions where the predicted class equals the true one. Positions with
 * mask 0 (padding) count in neither numerator nor denominator. NaN when nothing counts.
 */
export function accuracy(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  mask?: ArrayLike<number>,
): number {
  let hits = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    if (mask && !mask[i]) continue;
    total++;
    if (truth[i] === predicted[i]) hits++;
  }
  return total === 0 ? Number.NaN : hits / total;
}

/** counts[t][p]: how many examples of true class t were predicted as p. */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
  mask?: ArrayLike<number>,
): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) {
    if (mask && !mask[i]) continue;
    counts[truth[i]][predicted[i]]++;
  }
  return counts;
}

/**
 * Macro-averaged F1: the unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN),
 * over the classes that occur in the truth or the predictions (so absent classes do not count as 0).
 */
export function macroF1(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
  mask?: ArrayLike<number>,
): number {
  const m = confusionMatrix(truth, predicted, classes, mask);
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    const tp = m[c][c];
    let fn = 0;
    let fp = 0;
    for (let k = 0; k < classes; k++) {
      if (k === c) continue;
      fn += m[c][k];
      fp += m[k][c];
    }
    if (tp + fn + fp === 0) continue;
    present++;
    sum += (2 * tp) / (2 * tp + fp + fn);
  }
  return present === 0 ? Number.NaN : sum / present;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Examples (or tokens) whose true class this is. */
  support: number;
}

/**
 * Precision TP/(TP+FP), recall TP/(TP+FN) and F1 = 2·TP/(2·TP+FP+FN) of each class, from a
 * confusion matrix counts[true][predicted]. A ratio with nothing to count is NaN.
 */
export function classScores(counts: readonly (readonly number[])[]): ClassScores[] {
  return counts.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((a, r) => a + r[c], 0);
    const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
    return {
      precision: ratio(tp, predicted),
      recall: ratio(tp, support),
      f1: ratio(2 * tp, predicted + support),
      support,
    };
  });
}
