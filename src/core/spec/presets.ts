import type { TaskInfo } from '../tasks';
import { RECONSTRUCTION_TASK, taskOutputUnits } from '../tasks';
import type { HeadSpec, InputSpec, LayerSpec, LossSpec, ModelSpec } from './types';
import { MODEL_SPEC_VERSION } from './types';

export type PresetId = 'single' | 'hps' | 'mmoe' | 'cgc' | 'autoencoder';

export interface PresetInfo {
  id: PresetId;
  label: string;
  summary: string;
}

export const PRESETS: readonly PresetInfo[] = [
  {
    id: 'single',
    label: 'Single-task',
    summary:
      'One independent network per task: the baseline every multi-task model is judged against.',
  },
  {
    id: 'hps',
    label: 'Hard parameter sharing',
    summary:
      'One shared encoder feeds a small head per task (Caruana 1997). Cheap, and tasks help each other when related.',
  },
  {
    id: 'mmoe',
    label: 'Mixture of experts (MMoE)',
    summary:
      'Several expert networks; each task mixes them through its own softmax gate (Ma et al., KDD 2018).',
  },
  {
    id: 'cgc',
    label: 'Customized gate control (CGC)',
    summary:
      'Shared experts plus experts of each task’s own; a task’s gate mixes the shared ones and its own (Tang et al., RecSys 2020).',
  },
  {
    id: 'autoencoder',
    label: 'Shared encoder + autoencoder',
    summary:
      'Hard sharing plus a decoder that rebuilds the input: reconstruction is an unsupervised auxiliary task that shapes the encoder.',
  },
];

/** Why a preset cannot be built for an input, or null when it can. */
export function presetUnavailable(preset: PresetId, input: InputSpec): string | null {
  return preset === 'autoencoder' && input.kind !== 'image'
    ? 'The autoencoder preset rebuilds images; this dataset has text.'
    : null;
}

export const DEFAULT_GATE_TEMPERATURE = 1;
const MMOE_EXPERTS = 4;
/** CGC: shared experts, and experts per task (Tang et al. 2020 use a few of each). */
const CGC_SHARED_EXPERTS = 2;
const CGC_TASK_EXPERTS = 1;
const SHARED_EXPERTS = 'shared';

/**
 * Encoder layers suited to the input: an MLP for small images (it trains fast on any backend);
 * for tokens an embedding and a convolution over 3-token windows, keeping one vector per token
 * so tagging heads can read it.
 */
function encoder(input: InputSpec, width: number): LayerSpec[] {
  if (input.kind === 'image') {
    return [
      { type: 'flatten' },
      { type: 'dense', units: width, activation: 'relu' },
      { type: 'dense', units: width / 2, activation: 'relu' },
    ];
  }
  return [
    { type: 'embedding', outputDim: 32 },
    {
      type: 'conv1d',
      filters: width / 2,
      kernelSize: 3,
      strides: 1,
      padding: 'same',
      activation: 'relu',
    },
  ];
}

/** One expert: a dense layer on vectors, a 3-token convolution on sequences. */
function expertLayers(input: InputSpec): LayerSpec[] {
  return input.kind === 'image'
    ? [{ type: 'dense', units: 64, activation: 'relu' }]
    : [
        {
          type: 'conv1d',
          filters: 32,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
      ];
}

/** What a head adds on top of per-token features: pooling for a sentence label, nothing for tags. */
function readout(input: InputSpec, task: TaskInfo): LayerSpec[] {
  return input.kind === 'tokens' && task.kind !== 'sequenceLabeling'
    ? [{ type: 'globalPool', mode: 'max' }]
    : [];
}

function defaultLoss(task: TaskInfo): LossSpec {
  return task.kind === 'regression' || task.kind === 'reconstruction'
    ? { type: 'mse' }
    : { type: 'crossEntropy' };
}

export function head(task: TaskInfo, layers: LayerSpec[]): HeadSpec {
  return {
    task: task.id,
    kind: task.kind,
    units: taskOutputUnits(task),
    layers,
    loss: defaultLoss(task),
    weight: 1,
    temperature: 1,
  };
}

/**
 * A complete model spec for a preset and the tasks of the chosen dataset. With a single head and
 * no experts every layer is on the one path, so it is written as shared (the form the builder reads).
 */
export function buildPreset(
  preset: PresetId,
  input: InputSpec,
  tasks: readonly TaskInfo[],
): ModelSpec {
  const spec = presetSpec(preset, input, tasks);
  if (spec.experts.length === 0 && spec.heads.length === 1) {
    spec.trunk.push(...spec.heads[0].layers);
    spec.heads[0].layers = [];
  }
  return spec;
}

function presetSpec(preset: PresetId, input: InputSpec, tasks: readonly TaskInfo[]): ModelSpec {
  switch (preset) {
    case 'single':
      return {
        version: MODEL_SPEC_VERSION,
        input,
        trunk: [],
        experts: [],
        heads: tasks.map((t) => head(t, [...encoder(input, 128), ...readout(input, t)])),
      };
    case 'hps':
      return {
        version: MODEL_SPEC_VERSION,
        input,
        trunk: encoder(input, 128),
        experts: [],
        heads: tasks.map((t) => head(t, readout(input, t))),
      };
    case 'autoencoder':
      return {
        version: MODEL_SPEC_VERSION,
        input,
        trunk: encoder(input, 128),
        experts: [],
        heads: [
          ...tasks.map((t) => head(t, readout(input, t))),
          ...(input.kind === 'image' ? [head(RECONSTRUCTION_TASK, [])] : []),
        ],
      };
    case 'mmoe':
    case 'cgc': {
      const tower: LayerSpec = { type: 'dense', units: 32, activation: 'relu' };
      const shared = {
        id: SHARED_EXPERTS,
        count: preset === 'mmoe' ? MMOE_EXPERTS : CGC_SHARED_EXPERTS,
        layers: expertLayers(input),
      };
      const own = (t: TaskInfo) => ({
        id: `${t.id}_own`,
        count: CGC_TASK_EXPERTS,
        layers: expertLayers(input),
      });
      return {
        version: MODEL_SPEC_VERSION,
        input,
        // Token experts keep one vector per token; their gates read the mean embedding.
        trunk:
          input.kind === 'image' ? [{ type: 'flatten' }] : [{ type: 'embedding', outputDim: 32 }],
        experts: preset === 'mmoe' ? [shared] : [shared, ...tasks.map(own)],
        heads: tasks.map((t) => ({
          ...head(t, [...readout(input, t), tower]),
          gate: {
            groups: preset === 'mmoe' ? [shared.id] : [shared.id, own(t).id],
            temperature: DEFAULT_GATE_TEMPERATURE,
          },
        })),
      };
    }
    default: {
      const never: never = preset;
      throw new Error(`unknown preset ${String(never)}`);
    }
  }
}
