import { create } from 'zustand';
import { BUILTINS, isBuiltinId, type BuiltinId } from '../core/datasets/catalog';
import type { DatasetCard } from '../core/datasets/encoded';
import type { ImportChoice, ImportPreview } from '../core/datasets/importFile';
import { compileGraph, type CompiledGraph } from '../core/graph/compile';
import { startHistory, type UndoHistory } from '../core/graph/history';
import { specToGraph } from '../core/graph/specToGraph';
import type { ModelGraph } from '../core/graph/types';
import type { Diagnostics } from '../core/diagnostics';
import type { InsightAnswers, InsightRequest } from '../core/insight/types';
import type { RunRecord, RunRole, SavedModel } from '../core/runs/runRecord';
import type { WeightingConfig } from '../core/weighting/strategies';
import type { ModelSpec } from '../core/spec/types';
import type { WeightEncoding, WeightSet } from '../core/share/weightsCodec';
import {
  modelStructure,
  sameInput,
  settingsOf,
  specForSetup,
  structureKey,
} from '../core/setupSpec';
import { presetUnavailable } from '../core/spec/presets';
import { headTasks, type TaskInfo } from '../core/tasks';
import type { BackendChoice, TrainConfig } from '../core/training/config';
import type { Divergence } from '../core/training/divergence';
import type { EpochRecord, StepPoint } from '../core/training/history';
import { defaultSetup, serializeSetup, type Setup } from '../core/urlState';
import type { Lesson } from '../core/lessons/lesson';
import { lessonKeys, type LessonSource } from '../core/lessons/lessonLink';
import type { BackendSelection } from '../engine/backends';
import type { EncodedWeights, RunInfo, TrainerPhase, WorkerEvent } from '../worker/protocol';
import { appendBounded } from './history';
import { startTrainingWorker, type TrainingWorker } from './workerClient';
import { WorkerRecovery } from './workerRecovery';
import {
  abandonReplies,
  awaitInsight,
  awaitPackage,
  awaitWeights,
  settleReply,
} from './workerReplies';

/** A run the app trains on its own, with its own model and weighting. */
export interface QueuedRun {
  name: string;
  spec: ModelSpec;
  weighting: WeightingConfig;
  role: RunRole;
}

export interface RunQueue {
  /** What the queue does, for the status line ("Single-task baselines"). */
  label: string;
  items: QueuedRun[];
  /** The item training now. */
  index: number;
}

/** Trained weights the next model starts from, instead of fresh ones. */
export interface StartWeights {
  set: WeightSet;
  /** Where they came from: a link that fails is refused whole; the others say so and go on. */
  origin: 'link' | 'bundle' | 'workspace';
  /** modelStructure of the model they belong to; null until the first model is built. */
  structure: string | null;
}

/** The user's file behind an imported dataset, kept for bundles and the saved workspace. */
export interface DatasetFile {
  name: string;
  bytes: ArrayBuffer;
  choice: ImportChoice;
}

/** A message above the app that is not about the link's settings. */
export interface Banner {
  tone: 'error' | 'info';
  text: string;
  /** A damaged saved workspace set aside under this key: the banner offers it as a download. */
  damagedKey?: string;
}

export interface AppState {
  setup: Setup;
  /** The dataset the worker has loaded; null until the first one is in. */
  dataset: DatasetCard | null;
  /** Why the last dataset change failed (the previous dataset stays). */
  datasetError: string | null;
  /** A file of the user's, read by the worker, waiting for their choices. */
  importPreview: ImportPreview | null;
  /** A file is being read. */
  importing: boolean;
  notices: string[];
  phase: TrainerPhase;
  statusMessage: string;
  backend: BackendSelection | null;
  run: RunInfo | null;
  /** structureKey of the setup the worker has built; a different one needs a new run. */
  builtKey: string | null;
  /** The builder's graph with its undo history; null until a dataset is in. */
  model: UndoHistory<ModelGraph> | null;
  /** What the graph means: its model when valid, issues, shapes and parameters per node. */
  compiled: CompiledGraph | null;
  /** A change of the model's structure waiting for the user to agree to lose trained weights. */
  pendingEdit: ModelGraph | null;
  /** The model the worker has built (the graph on screen may have moved on). */
  builtSpec: ModelSpec | null;
  /** Saved runs, oldest first (IndexedDB), the one training now included. */
  runs: RunRecord[];
  /** The run the worker is training, once its first step is done. */
  currentRunId: string | null;
  /** Runs whose curves are drawn over the current ones. */
  overlay: string[];
  /** Confusion matrices and worst examples of the current model, at a step. */
  diagnostics: { data: Diagnostics; step: number } | null;
  /** Runs the app trains one after another (baselines, a sweep); null when none is under way. */
  queue: RunQueue | null;
  /** The last model the worker saved, waiting to be stored with its run. */
  savedModel: { runId: string; artifacts: SavedModel } | null;
  step: number;
  stepsPerSecond: number;
  points: StepPoint[];
  epochs: EpochRecord[];
  error: string | null;
  startWeights: StartWeights | null;
  /** The built model started from `startWeights` (so it is a trained model before any step). */
  startedFromWeights: boolean;
  /** The file behind the loaded dataset, when it was imported. */
  datasetFile: DatasetFile | null;
  banner: Banner | null;
  /** The run stopped on a NaN or infinite value (and is back at good weights). */
  divergence: Divergence | null;
  /** The current run's last checkpoint: what a restarted worker goes on from. */
  checkpoint: WeightSet | null;
  /** IndexedDB failed: the work is kept in memory only (and the user is told). */
  storage: { problem: 'full' | 'unavailable'; message: string } | null;
  /** Saved run records that did not read as runs (left in storage, not listed). */
  unreadableRuns: number;
  /** The lesson being played, and its step; its keys ride along in the page's link. */
  lesson: PlayingLesson | null;
}

export interface PlayingLesson {
  lesson: Lesson;
  source: LessonSource;
  /** 0-based. */
  step: number;
}

const initial: AppState = {
  setup: defaultSetup(),
  dataset: null,
  datasetError: null,
  importPreview: null,
  importing: false,
  notices: [],
  phase: 'idle',
  statusMessage: 'Starting…',
  backend: null,
  run: null,
  builtKey: null,
  model: null,
  compiled: null,
  pendingEdit: null,
  builtSpec: null,
  runs: [],
  currentRunId: null,
  overlay: [],
  queue: null,
  savedModel: null,
  diagnostics: null,
  step: 0,
  stepsPerSecond: 0,
  points: [],
  epochs: [],
  error: null,
  startWeights: null,
  startedFromWeights: false,
  datasetFile: null,
  banner: null,
  divergence: null,
  checkpoint: null,
  storage: null,
  unreadableRuns: 0,
  lesson: null,
};

export const useAppStore = create<AppState>()(() => initial);

export let worker: TrainingWorker | null = null;

/**
 * Asks the worker a question about the current model (a prediction, the embedding, …). Rejects
 * with the worker's reason when it cannot answer (no model yet, a bad input).
 */
export function askWorker<R extends InsightRequest>(
  request: R,
  transfer: Transferable[] = [],
): Promise<InsightAnswers[R['kind']]> {
  if (!worker) return Promise.reject(new Error('The training worker is not running.'));
  const { id, answer } = awaitInsight<R>();
  worker.send({ type: 'insight', id, request }, transfer);
  return answer;
}

/** Train was pressed while a (re)build was under way: start once it is ready. */
let startWhenReady = false;
/**
 * The file being imported and the choices it is imported with; `auto` imports it as soon as the
 * worker has read it (a bundle or the saved workspace), without asking.
 */
let importing: {
  file: { name: string; bytes: ArrayBuffer };
  choice: ImportChoice | null;
  auto: boolean;
} | null = null;

const set = useAppStore.setState;
const get = useAppStore.getState;

/** structureKey of the model and settings on screen; null while the graph is not a valid model. */
export const currentKey = (s: AppState): string | null =>
  s.compiled?.spec ? structureKey(s.setup, s.compiled.spec) : null;
/** The run's model and training settings differ from the ones on screen. */
export const isStale = (s: AppState) => s.builtKey === null || s.builtKey !== currentKey(s);
/** Training has changed the weights of the model on screen: a new structure would lose them. */
export const hasTrainedWeights = (s: AppState) =>
  (s.step > 0 || s.startedFromWeights) && !isStale(s);
/** Why Train cannot run: the first problem of the graph, or null. */
export const trainBlocker = (s: AppState): string | null => {
  const issue = s.compiled?.issues[0];
  if (!issue) return null;
  const more = s.compiled!.issues.length - 1;
  return `Fix the model first: ${issue.message}${more > 0 ? ` (and ${more} more on the canvas)` : ''}`;
};
/** A run is under way (training or paused): the model and its settings are fixed until Reset. */
export const isRunActive = (s: AppState) => s.phase === 'training' || s.phase === 'paused';

function onWorkerEvent(event: WorkerEvent): void {
  recovery.heard();
  if (settleReply(event)) return;
  switch (event.type) {
    case 'alive':
      return;
    case 'diverged':
      set((s) => ({
        divergence: event.divergence,
        step: event.divergence.restoredStep,
        points: s.points.filter((p) => p.step <= event.divergence.restoredStep),
        queue: null,
      }));
      return;
    case 'checkpoint':
      set({ checkpoint: event.weights });
      return;
    case 'trainingFailed':
      recovery.restart(
        `Training failed${event.backend ? ` on ${event.backend}` : ''}: ${event.message}`,
        event.backend,
      );
      return;
    case 'status': {
      // A finished run is diagnosed at once, so its confusion matrices are there to look at.
      const finishedNow = event.phase === 'finished' && get().phase !== 'finished';
      if (finishedNow) worker?.send({ type: 'diagnose' });
      set({ phase: event.phase, statusMessage: event.message });
      if (finishedNow) advanceQueue();
      if (event.phase === 'ready' && startWhenReady) {
        startWhenReady = false;
        worker?.send({ type: 'start' });
      }
      return;
    }
    case 'dataset':
      adoptDataset(event.card);
      return;
    case 'datasetError':
      startWhenReady = false;
      importing = null;
      recovery.cancel();
      set((s) => ({
        datasetError: event.message,
        importing: false,
        // The previous dataset stays in use: put its id back in the settings.
        setup: s.dataset ? { ...s.setup, dataset: s.dataset.info.id } : s.setup,
      }));
      return;
    case 'fileInspected':
      if (importing?.auto && importing.choice) {
        worker?.send({ type: 'importDataset', choice: importing.choice });
        return;
      }
      set({ importPreview: event.preview, importing: false, datasetError: null });
      return;
    case 'backend':
      set((s) => ({
        backend: event.selection,
        notices: event.selection.notice ? [...s.notices, event.selection.notice] : s.notices,
      }));
      return;
    case 'ready':
      set({
        run: event.info,
        step: 0,
        points: [],
        epochs: [],
        error: null,
        diagnostics: null,
        divergence: null,
      });
      recovery.ready(event.info);
      return;
    case 'progress':
      set((s) => ({
        points: appendBounded(s.points, event.points),
        step: event.step,
        stepsPerSecond: event.stepsPerSecond,
      }));
      return;
    case 'epoch':
      set((s) => ({ epochs: [...s.epochs, ...event.records] }));
      return;
    case 'error':
      startWhenReady = false;
      set({ error: event.message, queue: null });
      return;
    case 'diagnostics':
      set({ diagnostics: { data: event.diagnostics, step: event.step } });
      return;
    case 'modelArtifacts':
      set({ savedModel: { runId: event.runId, artifacts: event.artifacts } });
      return;
    case 'startWeightsRejected': {
      const origin = get().startWeights?.origin;
      set({
        startWeights: null,
        startedFromWeights: false,
        banner: {
          tone: 'error',
          text:
            origin === 'link'
              ? `This link is damaged: its weights do not fit its model (${event.message}). The model starts from fresh weights.`
              : `The saved weights do not fit this model (${event.message}); it starts from fresh weights.`,
        },
      });
      return;
    }
    case 'insight':
    case 'modelPackage':
    case 'weights':
      // Answers are settled above.
      return;
    default: {
      const never: never = event;
      throw new Error(`unknown worker event ${JSON.stringify(never)}`);
    }
  }
}

/** Makes a loaded dataset the current one: the setup's model is rebuilt for its tasks. */
function adoptDataset(card: DatasetCard): void {
  const info = card.info;
  const file = importing?.file ?? null;
  const choice = importing?.choice ?? null;
  importing = null;
  set((s) => {
    // Keep the weights and temperatures the link or the user set for tasks that still exist.
    const fresh = defaultSetup(
      info.id,
      info.tasks.map((t) => t.id),
    );
    // A drawn model from the link is kept when it fits this dataset's input.
    const keepModel = s.setup.model !== null && sameInput(s.setup.model.input, info.input);
    const notices =
      s.setup.model && !keepModel
        ? [
            ...s.notices,
            `The drawn model does not fit ${info.name}; using the ${s.setup.preset} preset.`,
          ]
        : [...s.notices];
    const unavailable = presetUnavailable(s.setup.preset, info.input);
    if (unavailable) notices.push(`${unavailable} Using hard parameter sharing.`);
    const withSettings = {
      ...s.setup,
      preset: unavailable ? ('hps' as const) : s.setup.preset,
      dataset: info.id,
      model: keepModel ? s.setup.model : null,
      weights: { ...fresh.weights, ...s.setup.weights },
      temperatures: { ...fresh.temperatures, ...s.setup.temperatures },
    };
    const spec = specForSetup(withSettings, info);
    const graph = specToGraph(spec);
    const setup = { ...withSettings, ...settingsOf(spec) };
    writeHash(setup);
    return {
      dataset: card,
      datasetError: null,
      setup,
      notices,
      model: startHistory(graph),
      compiled: compileGraph(graph, info.tasks),
      pendingEdit: null,
      importPreview: null,
      importing: false,
      datasetFile:
        file && choice
          ? { ...file, choice }
          : s.dataset?.info.id === info.id
            ? s.datasetFile
            : null,
    };
  });
  configure();
}

export function writeHash(setup: Setup): void {
  const lesson = get().lesson;
  const hash = `#${serializeSetup(setup)}${lesson ? `&${lessonKeys(lesson.source, lesson.step)}` : ''}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

/** The queued run being trained, if the worker's model is one. */
export const activeQueued = (s: AppState): QueuedRun | null =>
  s.queue && s.builtKey === queuedKey(s.queue) ? s.queue.items[s.queue.index] : null;
const queuedKey = (q: RunQueue) => `queued:${q.label}:${q.index}`;

/**
 * Builds the model on screen, or the queue's current item: its own spec and weighting, and a
 * key that never matches the screen's, so Train afterwards builds the screen's model again.
 */
function configure(queued: RunQueue | null = null): void {
  const s = get();
  const item = queued?.items[queued.index];
  const spec = item?.spec ?? s.compiled?.spec;
  if (!s.dataset || !spec) return;
  // After a restart, the run goes on from its checkpoint instead.
  const resume = recovery.resumeFrom;
  const start = queued || resume ? null : startWeightsFor(s, spec);
  set({
    builtKey: queued ? queuedKey(queued) : currentKey(s),
    builtSpec: spec,
    startedFromWeights: start !== null || (resume !== null && s.startedFromWeights),
    run: null,
    points: [],
    epochs: [],
    step: 0,
    error: null,
    divergence: null,
    checkpoint: resume,
  });
  worker?.send({
    type: 'configure',
    setup: {
      datasetId: s.dataset.info.id,
      spec,
      train: s.setup.train,
      backend: s.setup.backend,
      weighting: item?.weighting ?? s.setup.weighting,
      ...(start ? { start } : {}),
      ...(resume ? { resume } : {}),
      exclude: recovery.excludedBackends,
    },
  });
}

const recovery = new WorkerRecovery({
  get,
  set,
  stopWorker(reason) {
    worker?.terminate();
    worker = null;
    abandonReplies(reason);
    startWhenReady = false;
  },
  startWorker,
  reloadDataset(s) {
    if (s.datasetFile) {
      set({ importing: true });
      readFile(s.datasetFile.name, s.datasetFile.bytes.slice(0), s.datasetFile.choice);
    } else if (s.dataset && isBuiltinId(s.dataset.info.id)) loadBuiltin(s.dataset.info.id);
  },
  train: () => worker?.send({ type: 'start' }),
});

function startWorker(): void {
  worker = startTrainingWorker(onWorkerEvent, (message) =>
    recovery.restart(`The training worker crashed (${message})`),
  );
}

/**
 * The start weights for a model of `spec`: they belong to the first model built after they
 * arrive, and to later ones of the same structure (Reset, new settings); a model of another
 * structure drops them.
 */
function startWeightsFor(s: AppState, spec: ModelSpec): WeightSet | null {
  if (!s.startWeights) return null;
  const structure = JSON.stringify(modelStructure(spec));
  if (s.startWeights.structure === null) {
    set({ startWeights: { ...s.startWeights, structure } });
    return s.startWeights.set;
  }
  if (s.startWeights.structure === structure) return s.startWeights.set;
  set({ startWeights: null });
  return null;
}

/** After a queued run finishes: the next item, or the end of the queue. */
function advanceQueue(): void {
  const s = get();
  if (!s.queue || !activeQueued(s)) return;
  const index = s.queue.index + 1;
  if (index < s.queue.items.length) startQueued({ ...s.queue, index });
  else set({ queue: null });
}

/** Trains the queue's current item; the queue moves on as each run finishes. */
export function startQueued(queue: RunQueue): void {
  set({ queue });
  startWhenReady = true;
  configure(queue);
}

function loadBuiltin(id: BuiltinId): void {
  importing = null;
  const url = new URL(BUILTINS[id].file, document.baseURI).href;
  worker?.send({ type: 'loadDataset', source: { kind: 'builtin', id, url } });
}

/**
 * Has the worker read a file of the user's; with `choice`, it is imported at once. A copy is
 * kept, so a bundle or the saved workspace can carry the data.
 */
export function readFile(name: string, bytes: ArrayBuffer, choice: ImportChoice | null): void {
  importing = { file: { name, bytes: bytes.slice(0) }, choice, auto: choice !== null };
  worker?.send({ type: 'inspectFile', name, bytes }, [bytes]);
}

/** What the app opens with: a link, a bundle, the saved workspace, or the defaults. */
export interface Opening {
  setup: Setup;
  notices: string[];
  start: StartWeights | null;
  /** The imported dataset to read again; otherwise the setup's built-in dataset is loaded. */
  file: DatasetFile | null;
  banner: Banner | null;
}

/** Starts the worker and opens the first setup (loads data, picks a backend, builds the model). */
export function boot(opening: Opening): void {
  startWorker();
  recovery.watch();
  applyOpening(opening);
}

/** Replaces the work on screen with `opening` (the runs table stays). */
export function applyOpening(opening: Opening): void {
  const setup = { ...opening.setup, autotrain: false };
  startWhenReady = opening.setup.autotrain;
  set({
    setup,
    notices: opening.notices,
    banner: opening.banner,
    startWeights: opening.start,
    queue: null,
    datasetError: null,
    importPreview: null,
  });
  writeHash(setup);
  if (opening.file) {
    set({ importing: true });
    readFile(opening.file.name, opening.file.bytes.slice(0), opening.file.choice);
  } else if (isBuiltinId(setup.dataset)) loadBuiltin(setup.dataset);
}

/** The current model's weights, encoded by the worker (null before a model is built). */
export function readModelWeights(encoding: WeightEncoding): Promise<EncodedWeights | null> {
  if (!worker) return Promise.resolve(null);
  const answer = awaitWeights();
  worker.send({ type: 'readWeights', encoding });
  return answer;
}

function updateSetup(change: (setup: Setup) => Setup): void {
  const setup = change(get().setup);
  set({ setup });
  writeHash(setup);
}

export const actions = {
  /** Loads a built-in dataset; the model is rebuilt for its tasks once it is in. */
  setDataset(dataset: BuiltinId): void {
    startWhenReady = false;
    updateSetup((s) => ({
      ...defaultSetup(dataset),
      preset: s.preset === 'autoencoder' && BUILTINS[dataset].family !== 'image' ? 'hps' : s.preset,
      train: s.train,
      backend: s.backend,
      hide: s.hide,
    }));
    set({ datasetError: null });
    loadBuiltin(dataset);
  },
  setTrain<K extends keyof TrainConfig>(key: K, value: TrainConfig[K]): void {
    updateSetup((s) => ({ ...s, train: { ...s.train, [key]: value } }));
  },
  setBackend(backend: BackendChoice): void {
    updateSetup((s) => ({ ...s, backend }));
  },
  /** The strategy applies at once, also to a run under way (no rebuild). */
  setWeighting(change: Partial<WeightingConfig>): void {
    updateSetup((s) => ({ ...s, weighting: { ...s.weighting, ...change } }));
    if (!activeQueued(get()))
      worker?.send({ type: 'setWeighting', weighting: get().setup.weighting });
  },
  /** Sends a file of the user's to the worker to be read; the current dataset stays meanwhile. */
  async inspectFile(file: File): Promise<void> {
    set({ importing: true, datasetError: null, importPreview: null });
    readFile(file.name, await file.arrayBuffer(), null);
  },
  importDataset(choice: ImportChoice): void {
    startWhenReady = false;
    if (importing) importing.choice = choice;
    set({ importing: true, datasetError: null });
    worker?.send({ type: 'importDataset', choice });
  },
  cancelImport(): void {
    set({ importPreview: null, importing: false, datasetError: null });
  },

  /** Starts a new run, or resumes a paused one with unchanged settings. */
  train(): void {
    const s = get();
    if (activeQueued(s) && s.phase === 'paused') {
      worker?.send({ type: 'start' });
      return;
    }
    set({ queue: null });
    if (trainBlocker(s)) return;
    if (isStale(s) || s.phase === 'finished' || s.phase === 'error') {
      startWhenReady = true;
      configure();
      return;
    }
    if (s.phase === 'ready' || s.phase === 'paused') worker?.send({ type: 'start' });
    else startWhenReady = true;
  },
  pause(): void {
    worker?.send({ type: 'pause' });
  },
  stepOnce(): void {
    set({ queue: null });
    const s = get();
    if (trainBlocker(s)) return;
    if (isStale(s) || s.phase === 'finished') configure();
    worker?.send({ type: 'step' });
  },
  reset(): void {
    startWhenReady = false;
    set({ queue: null });
    if (isStale(get())) configure();
    else worker?.send({ type: 'reset' });
  },
  /** The current model as a ZIP for stock TF.js: model.json, weights.bin, labels.json. */
  downloadModel(): Promise<{ fileName: string; bytes: ArrayBuffer }> {
    if (!worker) return Promise.reject(new Error('The training worker is not running.'));
    const answer = awaitPackage();
    worker.send({ type: 'downloadModel' });
    return answer;
  },
  /** Diagnostics of the model as it is now (paused or finished). */
  diagnose(): void {
    worker?.send({ type: 'diagnose' });
  },
  /**
   * Applies a divergence remedy to the paused run (a lower learning rate, clipping) without
   * rebuilding it; Train then goes on from the good weights.
   */
  setOptimization(change: Partial<Pick<TrainConfig, 'learningRate' | 'clipNorm'>>): void {
    const s = get();
    const train = { ...s.setup.train, ...change };
    const rebuilt = !isStale(s);
    updateSetup((setup) => ({ ...setup, train }));
    // The worker's model takes the new settings as it is: it is still the model on screen.
    if (rebuilt) {
      set((now) => ({
        builtKey: currentKey(now),
        // The run's record says what it trains with from here on.
        runs: now.runs.map((r) => (r.id === now.currentRunId ? { ...r, train } : r)),
      }));
    }
    worker?.send({
      type: 'setOptimization',
      learningRate: train.learningRate,
      clipNorm: train.clipNorm,
    });
  },
  dismissDivergence(): void {
    set({ divergence: null });
  },
  dismissBanner(): void {
    set({ banner: null });
  },
  dismissNotice(index: number): void {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
};

const NO_TASKS: readonly TaskInfo[] = [];
/** The tasks of the loaded dataset (none while the first one loads). */
export const selectTasks = (s: AppState): readonly TaskInfo[] => s.dataset?.info.tasks ?? NO_TASKS;

let headTasksCache: { spec: unknown; tasks: readonly TaskInfo[] } = { spec: null, tasks: NO_TASKS };
/** The tasks the current model's heads predict (the dataset's, plus reconstruction), in head order. */
export const selectHeadTasks = (s: AppState): readonly TaskInfo[] => {
  const spec = s.compiled?.spec;
  if (!spec || !s.dataset) return headTasksCache.spec === null ? NO_TASKS : headTasksCache.tasks;
  if (headTasksCache.spec !== spec) {
    headTasksCache = { spec, tasks: headTasks(spec.heads, s.dataset.info.tasks) };
  }
  return headTasksCache.tasks;
};
