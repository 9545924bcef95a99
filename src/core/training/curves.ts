import type { XY } from './downsample';
import type { EpochRecord, StepPoint } from './history';

/** What the charts put on the x-axis. */
export type XAxisMode = 'epoch' | 'step';

/** One run's history, as the charts read it. */
export interface CurveSource {
  points: readonly StepPoint[];
  epochs: readonly EpochRecord[];
  stepsPerEpoch: number;
}

/** A training curve: one value per reported point, at its epoch or step. */
export function trainCurve(
  source: CurveSource,
  pick: (p: StepPoint) => number | undefined,
  x: XAxisMode,
): XY[] {
  const out: XY[] = [];
  for (const p of source.points) {
    const y = pick(p);
    if (y !== undefined && Number.isFinite(y)) out.push({ x: x === 'epoch' ? p.epoch : p.step, y });
  }
  return out;
}

/** A validation curve: one value per finished epoch, at the end of that epoch. */
export function validationCurve(
  source: CurveSource,
  task: string,
  key: 'loss' | 'metric',
  x: XAxisMode,
): XY[] {
  return source.epochs
    .filter((r) => r.split === 'validation' && r.tasks[task])
    .map((r) => ({
      x: x === 'epoch' ? r.epoch : r.epoch * source.stepsPerEpoch,
      y: r.tasks[task][key],
    }));
}
