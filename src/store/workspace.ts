import { createStore, del, get as idbGet, set as idbSet } from 'idb-keyval';
import { describeIssues } from '../core/spec/schema';
import { guarded, storageFailed } from './storageHealth';
import { z } from 'zod';
import { decodeWeights } from '../core/share/weightsCodec';
import { serializeSetup, parseSetup } from '../core/urlState';
import { isBuiltinId } from '../core/datasets/catalog';
import { importChoiceSchema } from '../core/share/bundle';
import { safeKey } from '../core/runs/runSchema';
import {
  readModelWeights,
  useAppStore,
  hasTrainedWeights,
  type AppState,
  type Opening,
} from './appStore';

/**
 * The work on screen, kept in IndexedDB so a reload (even mid-training) or a closed tab picks it
 * up again: the setup as a link hash, the dataset (built-in id, or the imported file itself) and
 * the model's last weights. Runs are kept on their own (runStorage).
 */
const store = createStore('multitask-playground-workspace', 'workspace');
const KEY = 'current';
/** Saved at least this often while anything changes, and soon after every structural change. */
export const AUTOSAVE_MS = 10_000;
const STRUCTURAL_DELAY_MS = 300;
const LOAD_TIMEOUT_MS = 3000;

const savedSchema = z.object({
  version: z.literal(1),
  savedAt: z.number(),
  hash: z.string().max(8192),
  tasks: z.array(safeKey).max(16),
  dataset: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('builtin'), id: z.string().max(100) }),
    z.object({
      kind: z.literal('file'),
      id: z.string().max(300),
      name: z.string().max(255),
      bytes: z.instanceof(ArrayBuffer),
      choice: importChoiceSchema,
    }),
  ]),
  /** weightsCodec (float32), when the model had trained weights. */
  weights: z.instanceof(Uint8Array).nullable(),
});
export type SavedWorkspace = z.infer<typeof savedSchema>;

/** Where a damaged workspace is set aside, under its time of discovery. */
export const DAMAGED_PREFIX = 'damaged-';

export type WorkspaceLoad =
  | { kind: 'saved'; saved: SavedWorkspace }
  | { kind: 'none' }
  /** It did not read as a workspace: moved to `key`, for the user to download. */
  | { kind: 'damaged'; key: string; reason: string };

/** The saved workspace, if there is one that reads; never throws. */
export async function loadWorkspace(): Promise<WorkspaceLoad> {
  let stored: unknown;
  try {
    // Storage that never answers (some private modes) must not keep the app from opening.
    stored = await Promise.race([
      guarded(() => idbGet(KEY, store)),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${LOAD_TIMEOUT_MS / 1000} s`)),
          LOAD_TIMEOUT_MS,
        ),
      ),
    ]);
  } catch (e) {
    storageFailed('read the saved workspace', e);
    return { kind: 'none' };
  }
  if (stored === undefined) return { kind: 'none' };
  const parsed = savedSchema.safeParse(stored);
  if (parsed.success) return { kind: 'saved', saved: parsed.data };
  const key = `${DAMAGED_PREFIX}${new Date().toISOString()}`;
  const reason = describeIssues(parsed.error, '(workspace)').slice(0, 2).join('; ');
  try {
    await guarded(() => idbSet(key, stored, store));
    await guarded(() => del(KEY, store));
  } catch (e) {
    storageFailed('set the damaged workspace aside', e);
  }
  return { kind: 'damaged', key, reason };
}

/** A workspace set aside as damaged, as stored (undefined when it is gone). */
export const loadDamagedWorkspace = (key: string) =>
  guarded(() => idbGet<unknown>(key, store)).catch(() => undefined);

/** The saved workspace as the app opens it (weights that cannot be read are left out). */
export function workspaceOpening(saved: SavedWorkspace): Opening {
  const file = saved.dataset.kind === 'file' ? saved.dataset : null;
  const { setup } = parseSetup(saved.hash, file ? { id: file.id, tasks: saved.tasks } : undefined);
  const weights = saved.weights ? decodeWeights(saved.weights) : null;
  return {
    setup,
    notices: [],
    start: weights?.ok ? { set: weights.value, origin: 'workspace', structure: null } : null,
    file: file ? { name: file.name, bytes: file.bytes, choice: file.choice } : null,
    banner:
      weights?.ok && weights.value.step > 0
        ? {
            tone: 'info',
            text: `Your workspace is back: the model as it was after ${weights.value.step.toLocaleString('en')} training steps. Train continues from these weights.`,
          }
        : null,
  };
}

/** The hash a setup is saved and compared under (never starts training by itself). */
export const workspaceHash = (s: Pick<AppState, 'setup'>) =>
  serializeSetup({ ...s.setup, autotrain: false });

async function snapshot(s: AppState): Promise<SavedWorkspace | null> {
  const info = s.dataset?.info;
  if (!info) return null;
  const file = s.datasetFile;
  if (!isBuiltinId(info.id) && !file) return null;
  const weights = hasTrainedWeights(s) ? await readModelWeights('float32') : null;
  return {
    version: 1,
    savedAt: Date.now(),
    hash: workspaceHash(s),
    tasks: info.tasks.map((t) => t.id),
    dataset: file
      ? { kind: 'file', id: info.id, name: file.name, bytes: file.bytes, choice: file.choice }
      : { kind: 'builtin', id: info.id },
    weights: weights ? (weights.bytes as Uint8Array<ArrayBuffer>) : null,
  };
}

let suspended = false;
let saving: Promise<void> = Promise.resolve();
/** What the last save held, to skip saves that would change nothing. */
let lastSaved = '';

const signature = (s: AppState) =>
  JSON.stringify([workspaceHash(s), s.dataset?.info.id, s.builtKey, s.step, s.startedFromWeights]);

/** Saves the workspace now (one save at a time). */
export function saveWorkspace(): Promise<void> {
  saving = saving.then(async () => {
    const s = useAppStore.getState();
    const sig = signature(s);
    if (suspended || sig === lastSaved) return;
    try {
      const saved = await snapshot(s);
      if (!saved || suspended) return;
      await guarded(() => idbSet(KEY, saved, store));
      lastSaved = sig;
    } catch (e) {
      storageFailed('save the workspace', e);
    }
  });
  return saving;
}

/** Keeps the workspace saved: every AUTOSAVE_MS while it changes, and soon after structural changes. */
export function startAutosave(): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  useAppStore.subscribe((s, prev) => {
    const structural =
      s.builtKey !== prev.builtKey ||
      s.dataset !== prev.dataset ||
      (s.phase !== prev.phase && s.phase !== 'training');
    if (!structural || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void saveWorkspace();
    }, STRUCTURAL_DELAY_MS);
  });
  setInterval(() => void saveWorkspace(), AUTOSAVE_MS);
}

/** Forgets the saved workspace and stops saving (the page reloads next). */
export async function clearWorkspace(): Promise<void> {
  suspended = true;
  await saving;
  await guarded(() => del(KEY, store)).catch(() => undefined);
}
