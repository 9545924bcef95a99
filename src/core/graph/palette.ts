import type { InputSpec, LayerSpec, LayerType } from '../spec/types';
import type { TaskInfo } from '../tasks';
import { RECONSTRUCTION_TASK } from '../tasks';
import { DEFAULT_GATE_TEMPERATURE, head } from '../spec/presets';
import { headNodeData } from './specToGraph';
import type { GraphNodeData, ModelGraph } from './types';

export type PaletteItemId = LayerType | 'experts' | 'gate' | 'head';

export interface PaletteItem {
  id: PaletteItemId;
  label: string;
  group: 'Layers' | 'Mixture' | 'Output';
  /** Useful for this input (others are still offered, below a divider). */
  suits: (input: InputSpec) => boolean;
}

const anyInput = () => true;
const images = (i: InputSpec) => i.kind === 'image';
const tokens = (i: InputSpec) => i.kind === 'tokens';

export const PALETTE: readonly PaletteItem[] = [
  { id: 'dense', label: 'Dense', group: 'Layers', suits: anyInput },
  { id: 'conv2d', label: 'Conv2D', group: 'Layers', suits: images },
  { id: 'maxPool2d', label: 'MaxPool2D', group: 'Layers', suits: images },
  { id: 'flatten', label: 'Flatten', group: 'Layers', suits: images },
  { id: 'embedding', label: 'Embedding', group: 'Layers', suits: tokens },
  { id: 'conv1d', label: 'Conv1D', group: 'Layers', suits: tokens },
  { id: 'gru', label: 'GRU / BiGRU', group: 'Layers', suits: tokens },
  { id: 'globalPool', label: 'Global pooling', group: 'Layers', suits: anyInput },
  { id: 'dropout', label: 'Dropout', group: 'Layers', suits: anyInput },
  { id: 'layerNorm', label: 'Layer norm', group: 'Layers', suits: anyInput },
  { id: 'experts', label: 'Expert group', group: 'Mixture', suits: anyInput },
  { id: 'gate', label: 'Gate', group: 'Mixture', suits: anyInput },
  { id: 'head', label: 'Task head', group: 'Output', suits: anyInput },
];

/** A layer with settings that train well on the built-in datasets. */
export function defaultLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 64, activation: 'relu' };
    case 'conv2d':
      return { type, filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' };
    case 'maxPool2d':
      return { type, poolSize: 2, strides: 2 };
    case 'flatten':
    case 'layerNorm':
      return { type };
    case 'dropout':
      return { type, rate: 0.2 };
    case 'embedding':
      return { type, outputDim: 32 };
    case 'conv1d':
      return { type, filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' };
    case 'gru':
      return { type, units: 32, bidirectional: true, returnSequences: true };
    case 'globalPool':
      return { type, mode: 'max' };
    default: {
      const never: never = type;
      throw new Error(`unknown layer ${String(never)}`);
    }
  }
}

/** The head data for a task: its kind, class count and usual loss, as the presets make it. */
export function headFor(task: TaskInfo): GraphNodeData {
  return headNodeData(head(task, []));
}

/** What dropping a palette item adds; a new head takes the first task no head predicts yet. */
export function paletteNode(
  item: PaletteItemId,
  graph: ModelGraph,
  tasks: readonly TaskInfo[],
): GraphNodeData {
  switch (item) {
    case 'experts':
      return {
        kind: 'experts',
        group: 'experts',
        count: 3,
        layers: [defaultLayer(graph.input.kind === 'image' ? 'dense' : 'conv1d')],
      };
    case 'gate':
      return { kind: 'gate', temperature: DEFAULT_GATE_TEMPERATURE };
    case 'head': {
      const taken = new Set(
        graph.nodes.flatMap((n) => (n.data.kind === 'head' ? [n.data.task] : [])),
      );
      const options = [...tasks, ...(graph.input.kind === 'image' ? [RECONSTRUCTION_TASK] : [])];
      return headFor(options.find((t) => !taken.has(t.id)) ?? options[0]);
    }
    default:
      return { kind: 'layer', layer: defaultLayer(item) };
  }
}
