import { MNIST_INPUT, MNIST_TASKS, type BuiltinId } from '../src/core/datasets/catalog';
import type { DatasetInfo } from '../src/core/datasets/encoded';
import { buildPreset, head } from '../src/core/spec/presets';
import { referenceCnn } from '../src/core/spec/reference';
import { MODEL_SPEC_VERSION, type LayerSpec, type ModelSpec } from '../src/core/spec/types';

/** The reference workloads of the speed benchmark: one per task family, and the MLP. */
export type WorkloadId = 'image' | 'text' | 'sequence' | 'text-gru' | 'sequence-gru' | 'mlp';

export interface Workload {
  id: WorkloadId;
  label: string;
  dataset: BuiltinId;
  /** The model, for the dataset's input and the two tasks it trains. */
  spec: (info: DatasetInfo) => ModelSpec;
  /**
   * Steps both sides train from the same start on the same batches before their validation
   * metrics are compared (full runs only): what stock TF.js manages in a minute or two here.
   */
  qualitySteps: number;
  /** Measured by `--quick` runs too (the four workloads). */
  quick: boolean;
}

const twoTasks = (info: DatasetInfo, ids: [string, string]) =>
  ids.map((id) => info.tasks.find((t) => t.id === id)!);

function model(info: DatasetInfo, trunk: LayerSpec[], tasks: [string, string]): ModelSpec {
  return {
    version: MODEL_SPEC_VERSION,
    input: info.input,
    experts: [],
    trunk,
    heads: twoTasks(info, tasks).map((t) => head(t, [])),
  };
}

const biGru = (returnSequences: boolean): LayerSpec[] => [
  { type: 'embedding', outputDim: 32 },
  { type: 'gru', units: 32, bidirectional: true, returnSequences },
];

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'image',
    qualitySteps: 150,
    quick: true,
    label: 'CNN conv8-pool-conv16-pool-dense64 + 2 heads (digit, parity), MNIST',
    dataset: 'mnist',
    spec: (info) => referenceCnn(info.input, twoTasks(info, ['digit', 'parity'])),
  },
  {
    id: 'text',
    qualitySteps: 40,
    quick: true,
    label:
      'Embedding 32 + Conv1D(64, 3) + global max pooling + 2 heads (party, era), the app preset, State of the Union',
    dataset: 'sotu',
    spec: (info) => buildPreset('hps', info.input, twoTasks(info, ['party', 'era'])),
  },
  {
    id: 'sequence',
    qualitySteps: 40,
    quick: true,
    label: 'Embedding 32 + Conv1D(64, 3) + 2 tagging heads (UPOS, names), the app preset, Brown 5k',
    dataset: 'brown5k',
    spec: (info) => buildPreset('hps', info.input, twoTasks(info, ['upos', 'name'])),
  },
  {
    id: 'text-gru',
    qualitySteps: 20,
    quick: false,
    label: 'Embedding 32 + BiGRU(32) + 2 heads (party, era), State of the Union sentences',
    dataset: 'sotu',
    spec: (info) => model(info, biGru(false), ['party', 'era']),
  },
  {
    id: 'sequence-gru',
    qualitySteps: 20,
    quick: false,
    label: 'Embedding 32 + BiGRU(32) per token + 2 tagging heads (UPOS, names), Brown 5k',
    dataset: 'brown5k',
    spec: (info) => model(info, biGru(true), ['upos', 'name']),
  },
  {
    id: 'mlp',
    qualitySteps: 300,
    quick: true,
    label: 'MLP 784-128-64 + 2 heads (digit, parity), MNIST',
    dataset: 'mnist',
    spec: () =>
      buildPreset(
        'hps',
        MNIST_INPUT,
        MNIST_TASKS.filter((t) => t.id === 'digit' || t.id === 'parity'),
      ),
  },
];
