/** Plain-number records of a training run, as the worker streams them to the UI. */

export interface TaskStepValues {
  loss: number;
  /** The task's metric on the recent training batches (accuracy for classification). */
  metric: number;
  /** The loss weight wᵢ in effect (the user's, or a weighting strategy's). */
  weight?: number;
  /** ‖∂Lᵢ/∂θ_shared‖ on a recent batch; measured every few dozen steps, when there are shared layers. */
  gradNorm?: number;
}

/** Cosine similarity of two tasks' gradients on the shared parameters (−1: opposed, 1: aligned). */
export interface GradientCosine {
  a: string;
  b: string;
  cosine: number;
}

/** Mean over the training steps since the previous point. */
export interface StepPoint {
  step: number;
  /** Fractional epoch, e.g. 1.25 a quarter through the second epoch. */
  epoch: number;
  totalLoss: number;
  /** The optimizer's learning rate at this point. */
  learningRate?: number;
  tasks: Record<string, TaskStepValues>;
  /** Every pair of tasks, measured with `gradNorm`. */
  gradCosine?: GradientCosine[];
}

export type Split = 'train' | 'validation' | 'test';

export interface TaskEpochValues {
  loss: number;
  metricName: string;
  metric: number;
  /** Macro-F1 for classification heads on the validation split. */
  macroF1?: number;
}

export interface EpochRecord {
  /** 1-based epoch number. */
  epoch: number;
  split: Split;
  tasks: Record<string, TaskEpochValues>;
}

const CSV_HEADER = 'epoch,task,split,loss,metric,value';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per epoch, task and split: `epoch,task,split,loss,metric,value`. */
export function epochsToCsv(records: readonly EpochRecord[]): string {
  const rows = [CSV_HEADER];
  for (const record of records) {
    for (const [task, v] of Object.entries(record.tasks)) {
      rows.push(
        [
          String(record.epoch),
          csvField(task),
          record.split,
          String(v.loss),
          csvField(v.metricName),
          String(v.metric),
        ].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/** Seconds left at the measured rate; null until a rate is known. */
export function etaSeconds(
  stepsDone: number,
  totalSteps: number,
  stepsPerSecond: number,
): number | null {
  if (!(stepsPerSecond > 0) || stepsDone <= 0) return null;
  return Math.max(0, (totalSteps - stepsDone) / stepsPerSecond);
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
