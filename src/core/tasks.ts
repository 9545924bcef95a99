/** What a head is asked to predict. */
export type TaskKind = 'classification' | 'sequenceLabeling' | 'regression' | 'reconstruction';

/** One task a dataset offers: its id is the public name used in links (`w.<task>=`). */
export interface TaskInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: TaskKind;
  /** Class names for classification and sequence labeling; empty otherwise. */
  readonly classes: readonly string[];
  readonly description: string;
}

/** Output units a head needs for a task (classes, or 1 for scalar regression). */
export function taskOutputUnits(task: TaskInfo): number {
  switch (task.kind) {
    case 'classification':
    case 'sequenceLabeling':
      return task.classes.length;
    case 'regression':
      return 1;
    case 'reconstruction':
      return 0;
    default: {
      const never: never = task.kind;
      throw new Error(`unknown task kind ${String(never)}`);
    }
  }
}

/**
 * The autoencoder's unsupervised task: rebuild the input. No dataset labels it; any image dataset
 * can add it as an auxiliary head.
 */
export const RECONSTRUCTION_TASK: TaskInfo = {
  id: 'reconstruction',
  label: 'Reconstruction',
  kind: 'reconstruction',
  classes: [],
  description: 'Rebuild the input image from the shared features (an unsupervised auxiliary task).',
};

/** The tasks a model's heads predict: the dataset's, plus reconstruction when a head rebuilds the input. */
export function headTasks(
  heads: readonly { task: string; kind: TaskKind }[],
  datasetTasks: readonly TaskInfo[],
): TaskInfo[] {
  return heads.flatMap((h) => {
    if (h.kind === 'reconstruction') return [{ ...RECONSTRUCTION_TASK, id: h.task }];
    const task = datasetTasks.find((t) => t.id === h.task);
    return task ? [task] : [];
  });
}
