/**
 * The experiments the app runs for the user: single-task baselines (one run per task, same
 * encoder and budget) and static weight sweeps, and what their results say.
 */
import type { ModelSpec } from '../spec/types';
import type { TaskKind } from '../tasks';
import {
  deltaM,
  paretoFront,
  relativeGain,
  sweepWeightPairs,
  type ParetoPoint,
} from '../weighting/compare';
import { finalValidation, type RunRecord } from './runRecord';

/** Error-like metrics (MSE) improve downwards. */
export const lowerIsBetter = (kind: TaskKind) => kind === 'regression' || kind === 'reconstruction';

/** Tasks a baseline can be trained for: the dataset's, not the auxiliary reconstruction. */
export function baselineTasks(spec: ModelSpec): string[] {
  return spec.heads.filter((h) => h.kind !== 'reconstruction').map((h) => h.task);
}

/**
 * The spec with only `task`'s head, weight 1: the same trunk, and the expert groups its gate
 * reads, so the task learns alone with the same encoder.
 */
export function singleTaskSpec(spec: ModelSpec, task: string): ModelSpec {
  const head = spec.heads.find((h) => h.task === task);
  if (!head) throw new Error(`the model has no head for ${task}`);
  const groups = new Set(head.gate?.groups ?? []);
  return structuredClone({
    ...spec,
    experts: spec.experts.filter((g) => groups.has(g.id)),
    heads: [{ ...head, weight: 1 }],
  });
}

/** The spec once per static weight pair of a sweep over tasks a and b (others unchanged). */
export function sweepSpecs(
  spec: ModelSpec,
  tasks: [string, string],
  count = 7,
): { spec: ModelSpec; weights: [number, number] }[] {
  return sweepWeightPairs(count).map(([wa, wb]) => ({
    weights: [wa, wb],
    spec: structuredClone({
      ...spec,
      heads: spec.heads.map((h) =>
        h.task === tasks[0] ? { ...h, weight: wa } : h.task === tasks[1] ? { ...h, weight: wb } : h,
      ),
    }),
  }));
}

type RunFacts = Pick<
  RunRecord,
  'id' | 'name' | 'datasetId' | 'train' | 'finished' | 'epochs' | 'role' | 'createdAt' | 'tasks'
>;

/**
 * The baseline for a task: the latest finished single-task run of it on the same dataset, with
 * the same training settings (epochs, batch, learning rate, seed…) when there is one.
 */
export function findBaseline<R extends RunFacts>(
  run: RunFacts,
  task: string,
  runs: readonly R[],
): R | null {
  const candidates = runs
    .filter(
      (r) =>
        r.id !== run.id &&
        r.finished &&
        r.datasetId === run.datasetId &&
        r.role?.kind === 'baseline' &&
        r.role.task === task &&
        finalValidation(r)[task] !== undefined,
    )
    .sort((a, b) => b.createdAt - a.createdAt);
  const sameBudget = candidates.find((r) => JSON.stringify(r.train) === JSON.stringify(run.train));
  return sameBudget ?? candidates[0] ?? null;
}

export interface TaskGain {
  task: string;
  label: string;
  metricName: string;
  metric: number;
  baseline: number;
  baselineRun: string;
  /** Relative change, signed so that positive is better. */
  gain: number;
  lowerIsBetter: boolean;
  /** The baseline was trained with other settings than this run. */
  differentBudget: boolean;
}

export interface MultiTaskGain {
  tasks: TaskGain[];
  /** Δm over the tasks that have a baseline; NaN without any. */
  deltaM: number;
  /** Tasks of the run with no baseline yet. */
  missing: string[];
}

/** How the run did against each task's single-task baseline, and Δm. */
export function multiTaskGain<R extends RunFacts>(
  run: RunFacts,
  runs: readonly R[],
): MultiTaskGain {
  const final = finalValidation(run);
  const tasks: TaskGain[] = [];
  const missing: string[] = [];
  for (const t of run.tasks) {
    if (t.kind === 'reconstruction' || final[t.id] === undefined) continue;
    const base = findBaseline(run, t.id, runs);
    if (!base) {
      missing.push(t.id);
      continue;
    }
    const result = {
      task: t.id,
      metric: final[t.id],
      baseline: finalValidation(base)[t.id],
      lowerIsBetter: lowerIsBetter(t.kind),
    };
    const lastRecord = [...run.epochs].reverse().find((e) => e.split === 'validation');
    tasks.push({
      ...result,
      label: t.label,
      metricName: lastRecord?.tasks[t.id]?.metricName ?? '',
      baselineRun: base.name,
      gain: relativeGain(result),
      differentBudget: JSON.stringify(base.train) !== JSON.stringify(run.train),
    });
  }
  return { tasks, deltaM: deltaM(tasks), missing };
}

export interface ParetoData {
  points: (ParetoPoint & { name: string; onFront: boolean })[];
  front: ParetoPoint[];
}

/** Finished runs of a dataset placed by their final validation metrics of two tasks. */
export function paretoData(
  runs: readonly RunFacts[],
  datasetId: string,
  tasks: [{ id: string; kind: TaskKind }, { id: string; kind: TaskKind }],
): ParetoData {
  const points = runs.flatMap((r) => {
    if (!r.finished || r.datasetId !== datasetId) return [];
    const final = finalValidation(r);
    const x = final[tasks[0].id];
    const y = final[tasks[1].id];
    return x === undefined || y === undefined ? [] : [{ id: r.id, name: r.name, x, y }];
  });
  const front = paretoFront(points, [!lowerIsBetter(tasks[0].kind), !lowerIsBetter(tasks[1].kind)]);
  const onFront = new Set(front.map((p) => p.id));
  return { points: points.map((p) => ({ ...p, onFront: onFront.has(p.id) })), front };
}
