import { createStore, del, get, set, values } from 'idb-keyval';
import type { RunRecord, SavedModel } from '../core/runs/runRecord';

// One IndexedDB store for runs and one for their weights, so listing runs never reads weights.
const runStore = createStore('multitask-playground-runs', 'runs');
const weightStore = createStore('multitask-playground-weights', 'weights');

/** Every saved run, oldest first; records that do not look like runs are skipped. */
export async function loadRuns(): Promise<RunRecord[]> {
  const all = (await values(runStore)) as unknown[];
  return all
    .filter(
      (r): r is RunRecord =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as RunRecord).id === 'string' &&
        Array.isArray((r as RunRecord).points) &&
        Array.isArray((r as RunRecord).epochs),
    )
    .sort((a, b) => a.createdAt - b.createdAt);
}

export const saveRun = (run: RunRecord) => set(run.id, run, runStore);
export const saveWeights = (id: string, model: SavedModel) => set(id, model, weightStore);

export async function deleteRun(id: string): Promise<void> {
  await Promise.all([del(id, runStore), del(id, weightStore)]);
}

/** The saved model of a run, or undefined when it has none. */
export const loadWeights = (id: string) => get<SavedModel>(id, weightStore);
