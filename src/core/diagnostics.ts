import { classScores, confusionMatrix, type ClassScores } from './metrics';
import type { TaskKind } from './tasks';

/** What the dashboard shows about one head on the validation split. */
export interface TaskDiagnostics {
  task: string;
  kind: TaskKind;
  /** counts[true][predicted], over examples (classification) or real tokens (tagging). */
  confusion?: number[][];
  scores?: ClassScores[];
  /** Regression: a sample of (true, predicted) pairs. */
  scatter?: { truth: number; predicted: number }[];
  /** The examples the head got most wrong, worst first (indices into the split). */
  worst: WorstExample[];
}

export interface WorstExample {
  /** Row of the validation split. */
  row: number;
  /** Classification: the probability the head gave the true class; tagging: token accuracy; regression: |error|. */
  score: number;
  truth: number[];
  predicted: number[];
}

export const WORST_EXAMPLES = 8;
const SCATTER_POINTS = 400;

/** Index of the largest of `values[from .. from + n)`, relative to `from`. */
function argMax(values: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (values[from + c] > values[from + best]) best = c;
  return best;
}

/**
 * A classification head: `probs` is [N × C] softmax output, `truth` [N]. Worst examples are those
 * with the lowest probability on their true class (the highest cross-entropy).
 */
export function classificationDiagnostics(
  task: string,
  truth: ArrayLike<number>,
  probs: ArrayLike<number>,
  classes: number,
): TaskDiagnostics {
  const n = truth.length;
  const predicted = new Int32Array(n);
  const trueProb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    predicted[i] = argMax(probs, i * classes, classes);
    trueProb[i] = probs[i * classes + truth[i]];
  }
  const confusion = confusionMatrix(truth, predicted, classes);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => predicted[i] !== truth[i])
    .sort((a, b) => trueProb[a] - trueProb[b])
    .slice(0, WORST_EXAMPLES);
  return {
    task,
    kind: 'classification',
    confusion,
    scores: classScores(confusion),
    worst: order.map((row) => ({
      row,
      score: trueProb[row],
      truth: [truth[row]],
      predicted: [predicted[row]],
    })),
  };
}

/**
 * A tagging head: `probs` is [N × T × C], `truth` [N × T] with −1 on padding (never counted).
 * Worst sentences are those with the lowest share of correctly tagged tokens.
 */
export function taggingDiagnostics(
  task: string,
  truth: ArrayLike<number>,
  probs: ArrayLike<number>,
  length: number,
  classes: number,
): TaskDiagnostics {
  const n = truth.length / length;
  const predicted = new Int32Array(truth.length);
  const mask = new Uint8Array(truth.length);
  const accuracy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let hits = 0;
    let tokens = 0;
    for (let t = 0; t < length; t++) {
      const k = i * length + t;
      predicted[k] = argMax(probs, k * classes, classes);
      if (truth[k] < 0) continue;
      mask[k] = 1;
      tokens++;
      if (predicted[k] === truth[k]) hits++;
    }
    accuracy[i] = tokens === 0 ? 1 : hits / tokens;
  }
  const safeTruth = Int32Array.from(truth as ArrayLike<number>, (v) => Math.max(0, v));
  const confusion = confusionMatrix(safeTruth, predicted, classes, mask);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => accuracy[i] < 1)
    .sort((a, b) => accuracy[a] - accuracy[b])
    .slice(0, WORST_EXAMPLES);
  return {
    task,
    kind: 'sequenceLabeling',
    confusion,
    scores: classScores(confusion),
    worst: order.map((row) => ({
      row,
      score: accuracy[row],
      truth: Array.from({ length }, (_, t) => truth[row * length + t]),
      predicted: Array.from(predicted.subarray(row * length, (row + 1) * length)),
    })),
  };
}

/** A regression head: a spread-out sample of (true, predicted) and the largest errors. */
export function regressionDiagnostics(
  task: string,
  kind: 'regression' | 'reconstruction',
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): TaskDiagnostics {
  const n = truth.length;
  const stride = Math.max(1, Math.ceil(n / SCATTER_POINTS));
  const scatter: { truth: number; predicted: number }[] = [];
  for (let i = 0; i < n; i += stride) scatter.push({ truth: truth[i], predicted: predicted[i] });
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => Math.abs(predicted[b] - truth[b]) - Math.abs(predicted[a] - truth[a]))
    .slice(0, WORST_EXAMPLES);
  return {
    task,
    kind,
    scatter,
    worst: order.map((row) => ({
      row,
      score: Math.abs(predicted[row] - truth[row]),
      truth: [truth[row]],
      predicted: [predicted[row]],
    })),
  };
}

/** Diagnostics of every head, with what it takes to show the examples they name. */
export interface Diagnostics {
  tasks: TaskDiagnostics[];
  /** By split row: the image's pixels (uint8, H×W×C) or the sentence's tokens. */
  examples: Record<number, { pixels?: Uint8Array; tokens?: string[] }>;
}
