import { baselineTasks, singleTaskSpec, sweepSpecs } from '../core/runs/experiments';
import { withSettings } from '../core/setupSpec';
import { headTasks } from '../core/tasks';
import { DEFAULT_WEIGHTING } from '../core/weighting/strategies';
import { startQueued, useAppStore, worker, type QueuedRun } from './appStore';

const get = useAppStore.getState;
const set = useAppStore.setState;

/** The model on screen with the Tasks panel's settings, if it is a valid model. */
function screenSpec() {
  const s = get();
  const spec = s.compiled?.spec;
  return spec && s.dataset
    ? { spec: withSettings(spec, s.setup), tasks: s.dataset.info.tasks }
    : null;
}

const staticWeighting = { ...DEFAULT_WEIGHTING, strategy: 'static' as const };

/** Experiments the app trains as a queue of runs, one after another. */
export const experiments = {
  /**
   * Trains each task alone with the same encoder and training settings: the single-task
   * baselines Δm compares against.
   */
  runBaselines(): void {
    const screen = screenSpec();
    if (!screen) return;
    const labels = headTasks(screen.spec.heads, screen.tasks);
    const items: QueuedRun[] = baselineTasks(screen.spec).map((task) => ({
      name: `Baseline: ${labels.find((t) => t.id === task)?.label ?? task} alone`,
      spec: singleTaskSpec(screen.spec, task),
      weighting: staticWeighting,
      role: { kind: 'baseline', task },
    }));
    if (items.length > 0) startQueued({ label: 'Single-task baselines', items, index: 0 });
  },

  /** Trains the model once per static weight pair of two tasks, for the Pareto view. */
  runSweep(tasks: [string, string], count = 7): void {
    const screen = screenSpec();
    if (!screen) return;
    const items: QueuedRun[] = sweepSpecs(screen.spec, tasks, count).map(({ spec, weights }) => ({
      name: `Sweep ${tasks[0]} ${weights[0]} · ${tasks[1]} ${weights[1]}`,
      spec,
      weighting: staticWeighting,
      role: { kind: 'sweep', tasks, weights },
    }));
    startQueued({ label: `Weight sweep ${tasks[0]} / ${tasks[1]}`, items, index: 0 });
  },

  /** Stops after the current step; the runs finished so far stay. */
  cancel(): void {
    set({ queue: null });
    worker?.send({ type: 'pause' });
  },
};
