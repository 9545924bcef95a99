import { createStore, del, get, set, values } from 'idb-keyval';
import type { RunRecord, SavedModel } from '../core/runs/runRecord';
import { parseRunRecord } from '../core/runs/runSchema';
import { guarded, storageFailed } from './storageHealth';

// One IndexedDB store for runs and one for their weights, so listing runs never reads weights.
const runStore = createStore('multitask-playground-runs', 'runs');
const weightStore = createStore('multitask-playground-weights', 'weights');

export interface LoadedRuns {
  runs: RunRecord[];
  /** Records that are not valid runs: left where they are in storage, not shown. */
  unreadable: number;
}

/** Every saved run that reads as one, oldest first. */
export async function loadRuns(): Promise<LoadedRuns> {
  const all = (await guarded(() => values(runStore))) as unknown[];
  const runs: RunRecord[] = [];
  for (const record of all) {
    const parsed = parseRunRecord(record);
    if (parsed.ok) runs.push(parsed.run);
  }
  runs.sort((a, b) => a.createdAt - b.createdAt);
  return { runs, unreadable: all.length - runs.length };
}

/** Saves a run; a full or missing storage is reported, never thrown (the run stays in memory). */
export const saveRun = (run: RunRecord) =>
  guarded(() => set(run.id, run, runStore)).catch((e: unknown) =>
    storageFailed(`save ${run.name}`, e),
  );

export const saveWeights = (id: string, model: SavedModel) =>
  guarded(() => set(id, model, weightStore)).then(
    () => true,
    (e: unknown) => {
      storageFailed('save a trained model', e);
      return false;
    },
  );

export async function deleteRun(id: string): Promise<void> {
  await guarded(() => Promise.all([del(id, runStore), del(id, weightStore)])).catch((e: unknown) =>
    storageFailed('delete a run', e),
  );
}

/** The saved model of a run, or undefined when it has none. */
export const loadWeights = (id: string) =>
  guarded(() => get<SavedModel>(id, weightStore)).catch(() => undefined);
