import { MAX_STORED_POINTS, nextRunName, type RunRecord } from '../core/runs/runRecord';
import { settingsOf, withSettings } from '../core/setupSpec';
import type { StrategyId } from '../core/weighting/strategies';
import { headTasks } from '../core/tasks';
import { serializeSetup } from '../core/urlState';
import { activeQueued, useAppStore, worker, type AppState } from './appStore';
import { thinTo } from './history';
import { deleteRun, loadRuns, saveRun, saveWeights } from './runStorage';
import { storageFailed } from './storageHealth';
import { parseRunRecord } from '../core/runs/runSchema';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** When the current stretch of training began (null while not training). */
let trainingSince: number | null = null;
/** A training run is also saved this often, so a reload mid-epoch loses little. */
const SAVE_WHILE_TRAINING_MS = 5000;
let lastSave = 0;

function newRun(s: AppState): RunRecord | null {
  const spec = s.builtSpec;
  if (!spec || !s.dataset || !s.run) return null;
  const queued = activeQueued(s);
  const strategy = queued?.weighting.strategy ?? s.setup.weighting.strategy;
  return {
    id: `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: queued?.name ?? nextRunName(s.runs),
    createdAt: Date.now(),
    durationMs: 0,
    datasetId: s.dataset.info.id,
    datasetName: s.dataset.info.name,
    preset: s.setup.preset,
    custom: s.setup.model !== null || queued?.role.kind === 'baseline',
    strategy,
    strategies: [{ strategy, step: 0 }],
    role: queued?.role ?? { kind: 'manual' },
    hash: serializeSetup({
      ...s.setup,
      ...(queued ? { model: spec, ...settingsOf(spec), weighting: queued.weighting } : {}),
      autotrain: false,
    }),
    spec: queued ? spec : withSettings(spec, s.setup),
    train: { ...s.setup.train },
    tasks: headTasks(spec.heads, s.dataset.info.tasks).map((t) => ({
      id: t.id,
      label: t.label,
      kind: t.kind,
    })),
    points: [],
    epochs: [],
    steps: 0,
    totalSteps: s.run.totalSteps,
    finished: false,
    hasWeights: false,
  };
}

/** The record with `strategy` as its latest, noting the step where it took over. */
function withStrategy(
  run: RunRecord,
  strategy: StrategyId,
  step: number,
): Pick<RunRecord, 'strategy' | 'strategies'> {
  const history = run.strategies ?? [{ strategy: run.strategy, step: 0 }];
  if (history[history.length - 1].strategy === strategy) return { strategy, strategies: history };
  return { strategy, strategies: [...history, { strategy, step }] };
}

function updateCurrent(change: (run: RunRecord) => RunRecord): RunRecord | null {
  const s = get();
  const index = s.runs.findIndex((r) => r.id === s.currentRunId);
  if (index < 0) return null;
  const updated = change(s.runs[index]);
  set({ runs: s.runs.map((r, i) => (i === index ? updated : r)) });
  return updated;
}

/**
 * Other tabs of the app hear of every run saved or deleted here, so two tabs on one workspace
 * show each other's runs; each run has its own random id, so neither overwrites the other's.
 */
const tabs: BroadcastChannel | null =
  typeof BroadcastChannel === 'undefined'
    ? null
    : new BroadcastChannel('multitask-playground-runs');
type TabMessage = { type: 'saved'; run: unknown } | { type: 'deleted'; id: string };

function fromOtherTab(message: TabMessage): void {
  if (message?.type === 'deleted' && typeof message.id === 'string') {
    set((s) => ({ runs: s.runs.filter((r) => r.id !== message.id) }));
    return;
  }
  if (message?.type !== 'saved') return;
  const parsed = parseRunRecord(message.run);
  if (!parsed.ok) return;
  const run = parsed.run;
  set((s) => {
    // A run this tab is training is this tab's own.
    if (run.id === s.currentRunId) return s;
    const others = s.runs.filter((r) => r.id !== run.id);
    return { runs: [...others, run].sort((a, b) => a.createdAt - b.createdAt) };
  });
}

function persist(run: RunRecord | null): void {
  if (!run) return;
  lastSave = Date.now();
  // A full disk or a private window must not stop training: the run stays in memory, and the
  // storage warning says so.
  void saveRun(run);
  tabs?.postMessage({ type: 'saved', run } satisfies TabMessage);
}

/** Set while this module updates the store, whose listeners then call back in. */
let updating = false;

/** Follows the store: a run starts with its first step and is saved as it trains and stops. */
function onChange(s: AppState, prev: AppState): void {
  if (updating) return;
  updating = true;
  try {
    track(s, prev);
  } finally {
    updating = false;
  }
}

function track(s: AppState, prev: AppState): void {
  if (s.run !== prev.run) {
    // A new model was built (configure or reset): the next step starts a new run.
    set({ currentRunId: null });
    trainingSince = null;
    return;
  }
  // Training time is counted from the status, which comes before the first step.
  const startedTraining = s.phase === 'training' && prev.phase !== 'training';
  const stoppedTraining = s.phase !== 'training' && prev.phase === 'training';
  if (startedTraining) trainingSince = Date.now();
  let elapsed = 0;
  if (stoppedTraining && trainingSince !== null) {
    elapsed = Date.now() - trainingSince;
    trainingSince = null;
  }
  // A listener may see a state that an earlier listener has already replaced: read it afresh.
  const now = get();
  if (now.step > 0 && now.currentRunId === null && now.run) {
    const run = newRun(now);
    if (run) set({ runs: [...now.runs, run], currentRunId: run.id });
  }
  const s2 = get();
  if (!s2.currentRunId) return;

  // The charts draw the current run from the live points; its record catches up at each epoch
  // end and whenever training stops, which keeps the main thread free while it trains.
  const atEpoch = s2.epochs !== prev.epochs;
  const stopped = s2.phase !== prev.phase && s2.phase !== 'training';
  const due = s2.phase === 'training' && Date.now() - lastSave > SAVE_WHILE_TRAINING_MS;
  if (!atEpoch && !stopped && !due && elapsed === 0) return;
  const queued = activeQueued(s2) !== null;
  const run = updateCurrent((r) => ({
    ...r,
    // Weights, temperatures and the strategy may change while it trains: the record keeps the
    // latest (a queued run keeps its own).
    spec: queued ? r.spec : withSettings(r.spec, s2.setup),
    ...(queued ? {} : withStrategy(r, s2.setup.weighting.strategy, s2.step)),
    points: thinTo(s2.points, MAX_STORED_POINTS),
    epochs: s2.epochs,
    steps: s2.step,
    durationMs: r.durationMs + elapsed,
    finished: s2.phase === 'finished',
  }));
  persist(run);
  if (run && s2.phase === 'finished' && prev.phase !== 'finished') {
    worker?.send({ type: 'exportModel', runId: run.id });
  }
}

function onSavedModel(s: AppState, prev: AppState): void {
  if (!s.savedModel || s.savedModel === prev.savedModel) return;
  const { runId, artifacts } = s.savedModel;
  void saveWeights(runId, artifacts).then((saved) => {
    if (!saved) {
      set({ savedModel: null });
      return;
    }
    const runs = get().runs.map((r) => (r.id === runId ? { ...r, hasWeights: true } : r));
    set({ runs, savedModel: null });
    const run = runs.find((r) => r.id === runId);
    if (run) persist(run);
  });
}

/** Loads the saved runs and keeps the current one saved from now on. */
export async function startRunTracking(): Promise<void> {
  tabs?.addEventListener('message', (e: MessageEvent<TabMessage>) => fromOtherTab(e.data));
  useAppStore.subscribe((s, prev) => {
    onChange(s, prev);
    onSavedModel(s, prev);
  });
  try {
    const { runs: saved, unreadable } = await loadRuns();
    set((s) => ({
      runs: [...saved.filter((r) => !s.runs.some((x) => x.id === r.id)), ...s.runs],
      unreadableRuns: unreadable,
    }));
  } catch (e) {
    // Runs live in memory only; the warning says so.
    storageFailed('read the saved runs', e);
  }
}

/** What the runs table can do. */
export const runActions = {
  rename(id: string, name: string): void {
    const runs = get().runs.map((r) => (r.id === id ? { ...r, name } : r));
    set({ runs });
    persist(runs.find((r) => r.id === id) ?? null);
  },
  toggleOverlay(id: string): void {
    set((s) => ({
      overlay: s.overlay.includes(id) ? s.overlay.filter((x) => x !== id) : [...s.overlay, id],
    }));
  },
  remove(id: string): void {
    set((s) => ({
      runs: s.runs.filter((r) => r.id !== id),
      overlay: s.overlay.filter((x) => x !== id),
      currentRunId: s.currentRunId === id ? null : s.currentRunId,
    }));
    void deleteRun(id);
    tabs?.postMessage({ type: 'deleted', id } satisfies TabMessage);
  },
  /** Opens the run's settings as a new setup (its link), ready to train again. */
  useSettings(id: string): void {
    const run = get().runs.find((r) => r.id === id);
    if (run) window.location.hash = run.hash;
  },
};
