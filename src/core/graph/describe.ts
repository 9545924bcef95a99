import type { LayerSpec, LossSpec } from '../spec/types';
import type { GraphNodeData } from './types';

const LAYER_NAMES: Record<LayerSpec['type'], string> = {
  dense: 'Dense',
  conv2d: 'Conv2D',
  maxPool2d: 'MaxPool2D',
  flatten: 'Flatten',
  dropout: 'Dropout',
  embedding: 'Embedding',
  conv1d: 'Conv1D',
  gru: 'GRU',
  globalPool: 'Global pooling',
  layerNorm: 'Layer norm',
};

export const LOSS_NAMES: Record<LossSpec['type'], string> = {
  crossEntropy: 'Cross-entropy',
  focal: 'Focal',
  weightedFocal: 'Weighted focal',
  dice: 'Dice',
  binaryCrossEntropy: 'Binary cross-entropy',
  mse: 'Mean squared error',
};

/** A layer in a few words: "Dense 128 · relu", "Conv2D 8 · 3×3 /1". */
export function describeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'dense':
      return `${layer.units} units · ${layer.activation}`;
    case 'conv2d':
    case 'conv1d': {
      const k =
        layer.type === 'conv2d' ? `${layer.kernelSize}×${layer.kernelSize}` : layer.kernelSize;
      return `${layer.filters} filters · ${k}${layer.strides > 1 ? ` /${layer.strides}` : ''} · ${layer.activation}`;
    }
    case 'maxPool2d':
      return `${layer.poolSize}×${layer.poolSize}${layer.strides !== layer.poolSize ? ` /${layer.strides}` : ''}`;
    case 'dropout':
      return `rate ${layer.rate}`;
    case 'embedding':
      return `${layer.outputDim} dimensions`;
    case 'gru':
      return `${layer.units} units${layer.bidirectional ? ' · both ways' : ''}${layer.returnSequences ? ' · per token' : ''}`;
    case 'globalPool':
      return layer.mode;
    case 'flatten':
    case 'layerNorm':
      return '';
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(never)}`);
    }
  }
}

export function layerName(layer: LayerSpec): string {
  return layer.type === 'gru' && layer.bidirectional ? 'BiGRU' : LAYER_NAMES[layer.type];
}

/** Title and one-line summary a node shows. */
export function nodeTitle(
  data: GraphNodeData,
  taskLabel?: string,
): { title: string; detail: string } {
  switch (data.kind) {
    case 'input':
      return { title: 'Input', detail: '' };
    case 'layer':
      return { title: layerName(data.layer), detail: describeLayer(data.layer) };
    case 'experts':
      return {
        title: `${data.count} expert${data.count === 1 ? '' : 's'} · ${data.group}`,
        detail: data.layers.map((l) => `${layerName(l)} ${describeLayer(l)}`.trim()).join(' → '),
      };
    case 'gate':
      return { title: 'Gate', detail: `softmax · T = ${data.temperature}` };
    case 'head':
      return {
        title: taskLabel ?? data.task,
        detail: `${LOSS_NAMES[data.loss.type]} · w = ${data.weight} · T = ${data.temperature}`,
      };
    default: {
      const never: never = data;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

const LAYER_EXPLANATIONS: Record<LayerSpec['type'], string> = {
  dense:
    'Every output is a weighted sum of all inputs plus a bias, then the activation. The workhorse of small networks.',
  conv2d:
    'Slides small learned filters over the image, so the same pattern (an edge, a stroke) is found wherever it appears.',
  maxPool2d:
    'Keeps the strongest response in each window: a smaller image that tolerates small shifts.',
  flatten: 'Lays an image out as one long vector, so dense layers can read it.',
  dropout:
    'While training, zeroes a random share of values each step, so the network cannot lean on any single one. Off when predicting.',
  embedding:
    'Looks up a learned vector for each token id: words used alike end up with similar vectors.',
  conv1d:
    'Reads windows of neighbouring tokens, like n-grams learned from the data; one output per token.',
  gru: 'A recurrent layer that reads the tokens in order and carries a memory; BiGRU also reads them backwards.',
  globalPool:
    'Summarises all tokens (or all image positions) into one vector by their maximum or average: a sentence label needs one vector.',
  layerNorm: 'Rescales each example’s features to mean 0 and spread 1, which steadies training.',
};

/** One or two sentences for students, shown when hovering a node. */
export function explainNode(data: GraphNodeData): string {
  switch (data.kind) {
    case 'input':
      return 'The examples of the dataset enter here: pixels for images, token ids for text.';
    case 'layer':
      return LAYER_EXPLANATIONS[data.layer.type];
    case 'experts':
      return 'Several copies of the same small network, each starting from different weights. Tasks that need different features can lean on different experts instead of fighting over one.';
    case 'gate':
      return 'Decides, for each example, how much its task listens to each expert: a softmax over the experts. A higher temperature spreads the weights evenly; a lower one makes the gate pick one expert.';
    case 'head':
      return 'The output of one task: its own final layer and loss. The loss weight sets how much this task counts in the total loss; the temperature T divides the logits, so T > 1 makes predictions less confident.';
    default: {
      const never: never = data;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}
