import type { TaskKind } from '../tasks';

/** Version of the JSON model spec; bump when a saved spec would be read differently. */
export const MODEL_SPEC_VERSION = 2;

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

/**
 * `count` parallel copies of one expert network after the trunk. A group read by every gate is
 * shared (MMoE, Ma et al., KDD 2018); a group read by one gate is that task's own (CGC, Tang et
 * al., RecSys 2020).
 */
export interface ExpertGroupSpec {
  /** Unique within the spec; gates name the groups they mix by it. */
  id: string;
  count: number;
  layers: LayerSpec[];
}

/** A task's gate: g = softmax(W·x / T) over every expert of its groups, then Σₑ gₑ·expertₑ. */
export interface GateSpec {
  /** Ids of the expert groups this gate mixes, in stacking order. */
  groups: string[];
  /** T > 1 spreads the mixture over experts, T < 1 sharpens it towards one expert. */
  temperature: number;
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
  /** Present exactly when the spec has experts: how this head mixes them. */
  gate?: GateSpec;
}

export interface ModelSpec {
  version: typeof MODEL_SPEC_VERSION;
  input: InputSpec;
  /** Layers every head shares (hard parameter sharing); empty means each head has its own network. */
  trunk: LayerSpec[];
  /** Expert groups between the trunk and the gates; empty for models without experts. */
  experts: ExpertGroupSpec[];
  heads: HeadSpec[];
}

/** Where in a spec a part sits: 'input', 'trunk.0', 'experts.shared', 'experts.shared.0', 'gate.digit', 'head.digit', 'head.digit.1'. */
export type NodeRef = string;

export const nodeRef = {
  input: 'input',
  trunk: (i: number) => `trunk.${i}`,
  experts: (group: string) => `experts.${group}`,
  expertLayer: (group: string, i: number) => `experts.${group}.${i}`,
  gate: (task: string) => `gate.${task}`,
  head: (task: string) => `head.${task}`,
  headLayer: (task: string, i: number) => `head.${task}.${i}`,
} as const;
