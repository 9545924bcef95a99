import { create } from 'zustand';
import { BUILTINS, isBuiltinId, type BuiltinId } from '../core/datasets/catalog';
import type { DatasetCard } from '../core/datasets/encoded';
import type { ImportChoice, ImportPreview } from '../core/datasets/importFile';
import { specForSetup, structureKey } from '../core/setupSpec';
import type { PresetId } from '../core/spec/presets';
import type { TaskInfo } from '../core/tasks';
import type { BackendChoice, TrainConfig } from '../core/training/config';
import type { EpochRecord, StepPoint } from '../core/training/history';
import { defaultSetup, parseSetup, serializeSetup, type Setup } from '../core/urlState';
import type { BackendSelection } from '../engine/backends';
import type { RunInfo, TrainerPhase, WorkerEvent } from '../worker/protocol';
import { appendBounded } from './history';
import { startTrainingWorker, type TrainingWorker } from './workerClient';

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
  step: number;
  stepsPerSecond: number;
  points: StepPoint[];
  epochs: EpochRecord[];
  error: string | null;
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
  step: 0,
  stepsPerSecond: 0,
  points: [],
  epochs: [],
  error: null,
};

export const useAppStore = create<AppState>()(() => initial);

let worker: TrainingWorker | null = null;
/** Train was pressed while a (re)build was under way: start once it is ready. */
let startWhenReady = false;

const set = useAppStore.setState;
const get = useAppStore.getState;

/** The run's model and training settings differ from the ones on screen. */
export const isStale = (s: AppState) => s.builtKey !== structureKey(s.setup);
/** A run is under way (training or paused): the model and its settings are fixed until Reset. */
export const isRunActive = (s: AppState) => s.phase === 'training' || s.phase === 'paused';

function onWorkerEvent(event: WorkerEvent): void {
  switch (event.type) {
    case 'status':
      set({ phase: event.phase, statusMessage: event.message });
      if (event.phase === 'ready' && startWhenReady) {
        startWhenReady = false;
        worker?.send({ type: 'start' });
      }
      return;
    case 'dataset': {
      const info = event.card.info;
      set((s) => {
        // Keep the weights and temperatures the link or the user set for tasks that still exist.
        const fresh = defaultSetup(
          info.id,
          info.tasks.map((t) => t.id),
        );
        const pick = (from: Record<string, number>, defaults: Record<string, number>) =>
          Object.fromEntries(Object.keys(defaults).map((k) => [k, from[k] ?? defaults[k]]));
        const setup = {
          ...s.setup,
          dataset: info.id,
          weights: pick(s.setup.weights, fresh.weights),
          temperatures: pick(s.setup.temperatures, fresh.temperatures),
        };
        writeHash(setup);
        return {
          dataset: event.card,
          datasetError: null,
          setup,
          importPreview: null,
          importing: false,
        };
      });
      configure();
      return;
    }
    case 'datasetError':
      startWhenReady = false;
      set((s) => ({
        datasetError: event.message,
        importing: false,
        // The previous dataset stays in use: put its id back in the settings.
        setup: s.dataset ? { ...s.setup, dataset: s.dataset.info.id } : s.setup,
      }));
      return;
    case 'fileInspected':
      set({ importPreview: event.preview, importing: false, datasetError: null });
      return;
    case 'backend':
      set((s) => ({
        backend: event.selection,
        notices: event.selection.notice ? [...s.notices, event.selection.notice] : s.notices,
      }));
      return;
    case 'ready':
      set({ run: event.info, step: 0, points: [], epochs: [], error: null });
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
      set({ error: event.message });
      return;
    default: {
      const never: never = event;
      throw new Error(`unknown worker event ${JSON.stringify(never)}`);
    }
  }
}

function writeHash(setup: Setup): void {
  const hash = `#${serializeSetup(setup)}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

function configure(): void {
  const { setup, dataset } = get();
  if (!dataset) return;
  set({ builtKey: structureKey(setup), run: null, points: [], epochs: [], step: 0, error: null });
  worker?.send({
    type: 'configure',
    setup: {
      datasetId: dataset.info.id,
      spec: specForSetup(setup, dataset.info),
      train: setup.train,
      backend: setup.backend,
    },
  });
}

function loadBuiltin(id: BuiltinId): void {
  const url = new URL(BUILTINS[id].file, document.baseURI).href;
  worker?.send({ type: 'loadDataset', source: { kind: 'builtin', id, url } });
}

function updateSetup(change: (setup: Setup) => Setup): void {
  const setup = change(get().setup);
  set({ setup });
  writeHash(setup);
}

export const actions = {
  /** Reads the link, starts the worker and builds the first model (loads data, picks a backend). */
  init(hash: string): void {
    const { setup, notices } = parseSetup(hash);
    set({ setup, notices });
    writeHash({ ...setup, autotrain: false });
    worker = startTrainingWorker(onWorkerEvent, (message) =>
      set({ phase: 'error', error: message, statusMessage: `Stopped: ${message}` }),
    );
    startWhenReady = setup.autotrain;
    set({ setup: { ...setup, autotrain: false } });
    if (isBuiltinId(setup.dataset)) loadBuiltin(setup.dataset);
  },

  /** Loads a built-in dataset; the model is rebuilt for its tasks once it is in. */
  setDataset(dataset: BuiltinId): void {
    startWhenReady = false;
    updateSetup((s) => ({
      ...defaultSetup(dataset),
      preset: s.preset,
      train: s.train,
      backend: s.backend,
    }));
    set({ datasetError: null });
    loadBuiltin(dataset);
  },
  setPreset(preset: PresetId): void {
    updateSetup((s) => ({ ...s, preset }));
  },
  setTrain<K extends keyof TrainConfig>(key: K, value: TrainConfig[K]): void {
    updateSetup((s) => ({ ...s, train: { ...s.train, [key]: value } }));
  },
  setBackend(backend: BackendChoice): void {
    updateSetup((s) => ({ ...s, backend }));
  },
  /** Sends a file of the user's to the worker to be read; the current dataset stays meanwhile. */
  async inspectFile(file: File): Promise<void> {
    set({ importing: true, datasetError: null, importPreview: null });
    const bytes = await file.arrayBuffer();
    worker?.send({ type: 'inspectFile', name: file.name, bytes }, [bytes]);
  },
  importDataset(choice: ImportChoice): void {
    startWhenReady = false;
    set({ importing: true, datasetError: null });
    worker?.send({ type: 'importDataset', choice });
  },
  cancelImport(): void {
    set({ importPreview: null, importing: false, datasetError: null });
  },
  /** Applies at once, also to a running training. */
  setTaskSettings(task: string, weight: number, temperature: number): void {
    updateSetup((s) => ({
      ...s,
      weights: { ...s.weights, [task]: weight },
      temperatures: { ...s.temperatures, [task]: temperature },
    }));
    worker?.send({ type: 'setTaskSettings', task, weight, temperature });
  },

  /** Starts a new run, or resumes a paused one with unchanged settings. */
  train(): void {
    const s = get();
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
    const s = get();
    if (isStale(s) || s.phase === 'finished') configure();
    worker?.send({ type: 'step' });
  },
  reset(): void {
    startWhenReady = false;
    if (isStale(get())) configure();
    else worker?.send({ type: 'reset' });
  },
  dismissNotice(index: number): void {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
};

const NO_TASKS: readonly TaskInfo[] = [];
/** The tasks of the loaded dataset (none while the first one loads). */
export const selectTasks = (s: AppState): readonly TaskInfo[] => s.dataset?.info.tasks ?? NO_TASKS;
