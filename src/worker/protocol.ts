/** Every message between the UI and the training worker. Tensors never cross: plain data only. */
import type { DatasetId } from '../core/datasets/catalog';
import type { ModelSpec } from '../core/spec/types';
import type { BackendChoice, TrainConfig } from '../core/training/config';
import type { EpochRecord, StepPoint } from '../core/training/history';
import type { BackendSelection } from '../engine/backends';

export interface RunSetup {
  dataset: DatasetId;
  /** Absolute URL of the dataset file (the worker cannot resolve the app's base URL). */
  dataUrl: string;
  spec: ModelSpec;
  train: TrainConfig;
  backend: BackendChoice;
}

export type WorkerRequest =
  | { type: 'configure'; setup: RunSetup }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'setTaskSettings'; task: string; weight: number; temperature: number };

export type TrainerPhase =
  'idle' | 'loading' | 'probing' | 'ready' | 'training' | 'paused' | 'finished' | 'error';

export interface RunInfo {
  trainCount: number;
  validationCount: number;
  stepsPerEpoch: number;
  totalSteps: number;
  params: number;
}

export type WorkerEvent =
  | { type: 'status'; phase: TrainerPhase; message: string }
  | { type: 'backend'; selection: BackendSelection }
  | { type: 'ready'; info: RunInfo }
  | { type: 'progress'; points: StepPoint[]; step: number; stepsPerSecond: number }
  | { type: 'epoch'; records: EpochRecord[] }
  | { type: 'error'; message: string };
