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
