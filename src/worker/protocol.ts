/** Every message between the UI and the training worker. Tensors never cross: plain data only. */

/** How often the worker says it is alive; the UI restarts it after WORKER_SILENCE_MS of silence. */
export const HEARTBEAT_MS = 1000;
export const WORKER_SILENCE_MS = 5000;
import type { BuiltinId } from '../core/datasets/catalog';
import type { DatasetCard } from '../core/datasets/encoded';
import type { ImportChoice, ImportPreview } from '../core/datasets/importFile';
import type { Diagnostics } from '../core/diagnostics';
import type { InsightAnswers, InsightKind, InsightRequest } from '../core/insight/types';
import type { SavedModel } from '../core/runs/runRecord';
import type { ModelSpec } from '../core/spec/types';
import type {
  BackendChoice,
  BackendName,
  TaskSettings,
  TrainConfig,
} from '../core/training/config';
import type { Divergence } from '../core/training/divergence';
import type { EpochRecord, StepPoint } from '../core/training/history';
import type { WeightEncoding, WeightSet } from '../core/share/weightsCodec';

/** weightsCodec bytes (deflated: compressing is done off the main thread) and their step. */
export interface EncodedWeights {
  bytes: Uint8Array;
  step: number;
}
import type { WeightingConfig } from '../core/weighting/strategies';
import type { BackendSelection } from '../engine/backends';

export interface RunSetup {
  /** Id of the dataset the worker has loaded; checked, so a run never trains on the wrong data. */
  datasetId: string;
  spec: ModelSpec;
  train: TrainConfig;
  backend: BackendChoice;
  weighting: WeightingConfig;
  /** Weights to start from (a bundle, a share link, the saved workspace) instead of fresh ones. */
  start?: WeightSet;
  /** A checkpoint of this run to go on from: its weights after `weights.step` steps. */
  resume?: WeightSet;
  /** Backends that failed in this tab; a restarted worker does not choose them again. */
  exclude?: BackendName[];
}

export type DatasetSource = {
  kind: 'builtin';
  id: BuiltinId;
  /** Absolute URL of its file (the worker cannot resolve the app's base URL). */
  url: string;
};

export type WorkerRequest =
  | { type: 'loadDataset'; source: DatasetSource }
  /** Reads a file of the user's (bytes transferred) and answers with what it found. */
  | { type: 'inspectFile'; name: string; bytes: ArrayBuffer }
  /** Makes the last inspected file the dataset, with the user's choices. */
  | { type: 'importDataset'; choice: ImportChoice }
  | { type: 'configure'; setup: RunSetup }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  /** Sends the current model in the TF.js format (answer: 'modelArtifacts'). */
  | { type: 'exportModel'; runId: string }
  /** The current model as a TF.js download package (answer: 'modelPackage'). */
  | { type: 'downloadModel' }
  /** The current model's weights, encoded here (answer: 'weights'). */
  | { type: 'readWeights'; encoding: WeightEncoding }
  /** Diagnostics of the current model on the validation split (answer: 'diagnostics'). */
  | { type: 'diagnose' }
  /** Loss weight and temperatures apply from the next step, also mid-run. */
  | { type: 'setTaskSettings'; task: string; settings: TaskSettings }
  /** The weighting strategy applies from the next step, also mid-run. */
  | { type: 'setWeighting'; weighting: WeightingConfig }
  /** Learning rate and clipping norm for the paused run (a divergence's remedies). */
  | { type: 'setOptimization'; learningRate: number; clipNorm: number }
  /** A question of the insight views about the current model (answer: 'insight', same id). */
  | { type: 'insight'; id: number; request: InsightRequest };

export type TrainerPhase =
  'idle' | 'loading' | 'probing' | 'ready' | 'training' | 'paused' | 'finished' | 'error';

export interface RunInfo {
  trainCount: number;
  validationCount: number;
  testCount: number;
  stepsPerEpoch: number;
  totalSteps: number;
  params: number;
  /** Steps already done: 0, or the checkpoint's step when a run goes on after a restart. */
  startStep: number;
}

export type WorkerEvent =
  | { type: 'status'; phase: TrainerPhase; message: string }
  | { type: 'dataset'; card: DatasetCard }
  /** The dataset could not be loaded; the previous one is still in use. */
  | { type: 'datasetError'; message: string }
  | { type: 'fileInspected'; preview: ImportPreview }
  | { type: 'backend'; selection: BackendSelection }
  | { type: 'ready'; info: RunInfo }
  | { type: 'progress'; points: StepPoint[]; step: number; stepsPerSecond: number }
  | { type: 'epoch'; records: EpochRecord[] }
  | { type: 'error'; message: string }
  /** Sent every HEARTBEAT_MS while the worker's event loop turns. */
  | { type: 'alive' }
  /** A loss or gradient was not finite: training paused, the model is back to good weights. */
  | { type: 'diverged'; divergence: Divergence }
  /** The run's weights after `weights.step` steps: what a restarted worker goes on from. */
  | { type: 'checkpoint'; weights: WeightSet }
  /** Training threw or the GPU device was lost on `backend`: this worker cannot go on. */
  | { type: 'trainingFailed'; backend: BackendName | null; message: string }
  /** The model of run `runId` as `tf.LayersModel.save` writes it: topology, weight specs, weights. */
  | { type: 'modelArtifacts'; runId: string; artifacts: SavedModel }
  | { type: 'diagnostics'; diagnostics: Diagnostics; step: number }
  /** A ZIP of model.json, weights.bin and labels.json, for the user to save. */
  | { type: 'modelPackage'; fileName: string; bytes: ArrayBuffer }
  /** The current model's weights (null when no model is built). */
  | { type: 'weights'; weights: EncodedWeights | null }
  /** The run's start weights do not fit its model: it starts from fresh weights instead. */
  | { type: 'startWeightsRejected'; message: string }
  /** The answer to insight request `id`, or why there is none. */
  | {
      type: 'insight';
      id: number;
      answer: { ok: true; value: InsightAnswers[InsightKind] } | { ok: false; message: string };
    };
