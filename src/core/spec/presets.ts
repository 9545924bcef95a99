import type { TaskInfo } from '../tasks';
import { taskOutputUnits } from '../tasks';
import type { HeadSpec, InputSpec, LayerSpec, LossSpec, ModelSpec } from './types';
import { MODEL_SPEC_VERSION } from './types';

export type PresetId = 'single' | 'hps' | 'mmoe';

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
];

export const DEFAULT_GATE_TEMPERATURE = 1;
const EXPERT_COUNT = 4;

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

function head(task: TaskInfo, layers: LayerSpec[]): HeadSpec {
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

/** A complete model spec for a preset and the tasks of the chosen dataset. */
export function buildPreset(
  preset: PresetId,
  input: InputSpec,
  tasks: readonly TaskInfo[],
): ModelSpec {
  switch (preset) {
    case 'single':
      return {
        version: MODEL_SPEC_VERSION,
        input,
        trunk: [],
        heads: tasks.map((t) => head(t, [...encoder(input, 128), ...readout(input, t)])),
      };
    case 'hps':
      return {
        version: MODEL_SPEC_VERSION,
        input,
        trunk: encoder(input, 128),
        heads: tasks.map((t) => head(t, readout(input, t))),
      };
    case 'mmoe': {
      const tower: LayerSpec = { type: 'dense', units: 32, activation: 'relu' };
      return {
        version: MODEL_SPEC_VERSION,
        input,
        // Token experts keep one vector per token; their gates read the mean embedding.
        trunk:
          input.kind === 'image' ? [{ type: 'flatten' }] : [{ type: 'embedding', outputDim: 32 }],
        experts: {
          count: EXPERT_COUNT,
          layers:
            input.kind === 'image'
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
                ],
          gateTemperature: DEFAULT_GATE_TEMPERATURE,
        },
        heads: tasks.map((t) => head(t, [...readout(input, t), tower])),
      };
    }
    default: {
      const never: never = preset;
      throw new Error(`unknown preset ${String(never)}`);
    }
  }
}
