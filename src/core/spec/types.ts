import type { TaskKind } from '../tasks';

/** Version of the JSON model spec; bump when a saved spec would be read differently. */
export const MODEL_SPEC_VERSION = 1;

export type Activation = 'linear' | 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'swish';
export type Padding = 'same' | 'valid';

/** One layer of a trunk, expert or head tower; tensor shapes below exclude the batch axis. */
export type LayerSpec =
  | { type: 'dense'; units: number; activation: Activation }
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: Padding;
      activation: Activation;
    }
  | { type: 'maxPool2d'; poolSize: number; strides: number }
  | { type: 'flatten' }
  | { type: 'dropout'; rate: number }
  | { type: 'embedding'; outputDim: number }
  | {
      type: 'conv1d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: Padding;
      activation: Activation;
    }
  | { type: 'gru'; units: number; bidirectional: boolean; returnSequences: boolean }
  | { type: 'globalPool'; mode: 'average' | 'max' }
  | { type: 'layerNorm' };

export type LayerType = LayerSpec['type'];

export type InputSpec =
  | { kind: 'image'; height: number; width: number; channels: number }
  | { kind: 'tokens'; vocabSize: number; maxLength: number };

/** Loss of one head; yTrue/yPred conventions are those of src/engine/losses.ts. */
export type LossSpec =
  | { type: 'crossEntropy' }
  | { type: 'focal'; gamma: number; alpha: number }
  | { type: 'weightedFocal'; gamma: number; classWeights: 'inverseFrequency' | number[] }
  | { type: 'dice' }
  | { type: 'binaryCrossEntropy' }
  | { type: 'mse' };

export type LossType = LossSpec['type'];

/** Mixture of experts after the trunk (Ma et al., KDD 2018): each head mixes the experts through its own gate. */
export interface ExpertsSpec {
  count: number;
  layers: LayerSpec[];
  /** Gate softmax temperature: g = softmax(Wx / T); T > 1 spreads the mixture, T < 1 sharpens it. */
  gateTemperature: number;
}

export interface HeadSpec {
  /** The dataset task this head predicts (TaskInfo.id). */
  task: string;
  kind: TaskKind;
  /** Output units: class count, or regression outputs; ignored for reconstruction (the input size). */
  units: number;
  /** Task-specific tower between the shared part and the output layer. */
  layers: LayerSpec[];
  loss: LossSpec;
  /** Static loss weight wᵢ in L = Σ wᵢ·Lᵢ. */
  weight: number;
  /** Softmax temperature: p = softmax(z / T). */
  temperature: number;
}

export interface ModelSpec {
  version: typeof MODEL_SPEC_VERSION;
  input: InputSpec;
  /** Layers every head shares (hard parameter sharing); empty means each head has its own network. */
  trunk: LayerSpec[];
  experts?: ExpertsSpec;
  heads: HeadSpec[];
}

/** Where in a spec a layer or part sits: 'input', 'trunk.0', 'experts', 'experts.0', 'head.digit', 'head.digit.1'. */
export type NodeRef = string;

export const nodeRef = {
  input: 'input',
  trunk: (i: number) => `trunk.${i}`,
  experts: 'experts',
  expertLayer: (i: number) => `experts.${i}`,
  gate: (task: string) => `gate.${task}`,
  head: (task: string) => `head.${task}`,
  headLayer: (task: string, i: number) => `head.${task}.${i}`,
} as const;
