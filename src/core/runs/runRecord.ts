import type { ModelSpec } from '../spec/types';
import type { PresetId } from '../spec/presets';
import type { TaskKind } from '../tasks';
import type { TrainConfig } from '../training/config';
import { strategyLabel, type StrategyId } from '../weighting/strategies';
import type { EpochRecord, StepPoint } from '../training/history';

/** Why a run was trained: by hand, or as part of an experiment the app ran. */
export type RunRole =
  | { kind: 'manual' }
  /** One task alone with the same encoder and budget, the reference for Δm. */
  | { kind: 'baseline'; task: string }
  /** One static weighting of a sweep over two tasks. */
  | { kind: 'sweep'; tasks: [string, string]; weights: [number, number] };

/** One training run as it is kept (IndexedDB) and compared: settings, model, history. */
export interface RunRecord {
  id: string;
  /** Editable; "Run 3" by default. */
  name: string;
  /** When training started (ms since 1970). */
  createdAt: number;
  /** Time spent training, pauses excluded. */
  durationMs: number;
  datasetId: string;
  datasetName: string;
  preset: PresetId;
  /** The model was drawn by hand rather than taken from the preset. */
  custom: boolean;
  /** The weighting strategy at the end of the run (it may change while a run trains). */
  strategy: StrategyId;
  /** Every strategy the run used, in order, with the step it started at. */
  strategies?: { strategy: StrategyId; step: number }[];
  /** Absent in runs saved before experiments existed: manual. */
  role?: RunRole;
  /** The setup as a link hash: opening it reproduces the run's settings. */
  hash: string;
  spec: ModelSpec;
  train: TrainConfig;
  /** The tasks of the heads, for labels and metric names. */
  tasks: { id: string; label: string; kind: TaskKind }[];
  points: StepPoint[];
  epochs: EpochRecord[];
  steps: number;
  totalSteps: number;
  finished: boolean;
  /** The model's final weights were saved beside the run (key `weights:<id>`). */
  hasWeights: boolean;
}

/** Stored step points per run; older ones are thinned to this many. */
export const MAX_STORED_POINTS = 600;

/** The last validation metric of each task, or undefined before the first epoch ends. */
export function finalValidation(run: Pick<RunRecord, 'epochs'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of run.epochs) {
    if (record.split !== 'validation') continue;
    for (const [task, values] of Object.entries(record.tasks)) out[task] = values.metric;
  }
  return out;
}

/** The settings that tell runs apart, in a line: "lr 0.001 · batch 64 · 2 epochs · seed 1 · w digit 1, parity 0.5". */
export function describeSettings(run: Pick<RunRecord, 'train' | 'spec' | 'strategy'>): string {
  const t = run.train;
  const weighting =
    run.strategy === 'static'
      ? `w ${run.spec.heads.map((h) => `${h.task} ${h.weight}`).join(', ')}`
      : strategyLabel(run.strategy);
  return `${t.optimizer} lr ${t.learningRate} · batch ${t.batchSize} · ${t.epochs} epoch${t.epochs === 1 ? '' : 's'} · seed ${t.seed} · ${weighting}`;
}

/** "Run N" with the first N no run uses. */
export function nextRunName(runs: readonly Pick<RunRecord, 'name'>[]): string {
  const taken = new Set(runs.map((r) => r.name));
  for (let n = runs.length + 1; ; n++) if (!taken.has(`Run ${n}`)) return `Run ${n}`;
}

/** A run's whole history as JSON for download (weights are a separate download). */
export function runToJson(run: RunRecord): string {
  return JSON.stringify(
    {
      name: run.name,
      createdAt: new Date(run.createdAt).toISOString(),
      durationSeconds: run.durationMs / 1000,
      dataset: run.datasetId,
      preset: run.preset,
      strategy: run.strategy,
      link: `#${run.hash}`,
      train: run.train,
      spec: run.spec,
      steps: run.steps,
      points: run.points,
      epochs: run.epochs,
    },
    null,
    2,
  );
}

/** A saved TF.js model as plain data: model.json's parts and the bytes of its weight file. */
export interface SavedModel {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
}
