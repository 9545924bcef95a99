/** Stable, colour-blind-friendly colours (Okabe–Ito) for up to eight tasks. */
const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#994F00',
  '#555555',
];

export function taskColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** A task's colour everywhere in the app: by its place in the dataset, extra tasks after them. */
export function colorOfTask(taskId: string, datasetTasks: readonly { id: string }[]): string {
  const index = datasetTasks.findIndex((t) => t.id === taskId);
  return taskColor(index >= 0 ? index : datasetTasks.length);
}

/** Colours for runs drawn side by side, apart from the task colours' blue-orange-green start. */
const RUN_PALETTE = ['#6a3d9a', '#b15928', '#1f78b4', '#e31a1c', '#33a02c', '#ff7f00', '#666666'];

/** A run's colour, by its place among all runs (stable while runs are added). */
export function runColor(runs: readonly { id: string }[], id: string | null): string {
  const index = runs.findIndex((r) => r.id === id);
  return RUN_PALETTE[(index >= 0 ? index : runs.length) % RUN_PALETTE.length];
}
