/**
 * What the insight views ask the worker and what it answers: plain data, no tensors.
 */
import type { SavedModel } from '../runs/runRecord';
import type { ModelSpec } from '../spec/types';
import type { TaskKind } from '../tasks';

/** An input to try: a drawing, typed text, or an example of the validation split. */
export type TryInput =
  /** Row-major [height × width × channels] in [0, 1] (0 = black, like the datasets). */
  | { kind: 'pixels'; pixels: Float32Array }
  | { kind: 'text'; text: string }
  | { kind: 'validation'; index: number };

export interface HeadOutput {
  task: string;
  kind: TaskKind;
  /**
   * Raw outputs for this input: logits [classes] (classification), logits [tokens × tags] for the
   * real tokens (tagging), [1] (regression), the rebuilt image (reconstruction).
   */
  values: Float32Array;
  /** The temperature the head was trained at. */
  temperature: number;
}

export interface GateWeights {
  task: string;
  /** Names of the experts the gate mixes ("shared 1", "digit 2"), in gate order. */
  experts: string[];
  weights: number[];
}

export interface TryResult {
  heads: HeadOutput[];
  gates: GateWeights[];
  /** Text input: the tokens the model read (cut to its length) and which were not in the vocabulary. */
  tokens?: { text: string; known: boolean }[];
  /** Validation input: the example itself and its true labels (class ids; tags per token). */
  example?: {
    index: number;
    pixels?: Uint8Array;
    tokens?: string[];
    labels: Record<string, number[]>;
  };
  /** How many validation examples there are to pick from. */
  validationCount: number;
}

/** What a point of the embedding view stands for. */
export type EmbeddingUnit = 'example' | 'token';

export interface EmbeddingView {
  unit: EmbeddingUnit;
  /** Row-major [n × 2] PCA coordinates. */
  points: Float32Array;
  /** Share of the variance on each axis. */
  explained: [number, number];
  /** Per task that labels this unit: a class id per point (−1 = none). */
  labels: Record<string, Int32Array>;
  /** What a hover shows: the image (row-major bytes) or the text of each point. */
  pixels?: Uint8Array[];
  text?: string[];
  /** Values per point in the shared representation. */
  dims: number;
}

export interface EmbeddingResult {
  /** Which layer's output the views show ("the trunk's last layer, 64 values"). */
  source: string;
  views: EmbeddingView[];
  step: number;
}

export interface ClusterScore {
  task: string;
  purity: number;
  nmi: number;
}

export interface ClusterResult {
  unit: EmbeddingUnit;
  k: number;
  seed: number;
  assignment: Int32Array;
  scores: ClusterScore[];
  inertia: number;
}

export interface GateUsage {
  tasks: { task: string; experts: string[]; mean: number[] }[];
  /** Validation examples averaged over. */
  rows: number;
  step: number;
}

export interface Reconstructions {
  task: string;
  shape: [number, number, number];
  originals: Uint8Array[];
  rebuilt: Uint8Array[];
}

export interface EnsembleMember {
  runId: string;
  name: string;
  model: SavedModel;
  /** The run's model with its final settings: each head's temperature is the one it votes at. */
  spec: ModelSpec;
}

export interface EnsembleTaskScore {
  task: string;
  kind: TaskKind;
  /** One per member, in member order. */
  members: number[];
  soft: number;
  /** Hard voting needs classes: null for regression. */
  hard: number | null;
}

export interface EnsembleResult {
  tasks: EnsembleTaskScore[];
  /** Validation examples scored. */
  rows: number;
}

export type InsightRequest =
  | { kind: 'try'; input: TryInput }
  | { kind: 'embedding' }
  | { kind: 'cluster'; unit: EmbeddingUnit; k: number; seed: number }
  | { kind: 'gateUsage' }
  | { kind: 'reconstructions'; count: number }
  | { kind: 'ensemble'; members: EnsembleMember[]; fractions: { validation: number; test: number } }
  | {
      kind: 'ensemblePackage';
      members: EnsembleMember[];
      voting: 'soft' | 'hard';
      fileName: string;
    };

export interface InsightAnswers {
  try: TryResult;
  embedding: EmbeddingResult;
  cluster: ClusterResult;
  gateUsage: GateUsage;
  reconstructions: Reconstructions;
  ensemble: EnsembleResult;
  ensemblePackage: { fileName: string; bytes: ArrayBuffer };
}

export type InsightKind = InsightRequest['kind'];
