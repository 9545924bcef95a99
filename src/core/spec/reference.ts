/** Reference models from the multi-task literature, for experiments the app reproduces. */
import type { TaskInfo } from '../tasks';
import { head } from './presets';
import { MODEL_SPEC_VERSION, type InputSpec, type LayerSpec, type ModelSpec } from './types';

/** MultiMNIST's input: two digits overlapping on a 36×36 canvas, resized to 28×28. */
export const MULTI_MNIST_INPUT: InputSpec = { kind: 'image', height: 28, width: 28, channels: 1 };

/**
 * MultiLeNet (Sener & Koltun 2018, the MultiMNIST model): a LeNet shared by both digits — two
 * 5×5 convolutions (10 and 20 filters) with 2×2 max-pooling, then 320 → 50 units — and a
 * 50-unit tower plus a 10-way output per digit.
 */
export function multiLeNet(tasks: readonly string[] = ['left', 'right']): ModelSpec {
  return {
    version: MODEL_SPEC_VERSION,
    input: MULTI_MNIST_INPUT,
    experts: [],
    trunk: [
      {
        type: 'conv2d',
        filters: 10,
        kernelSize: 5,
        strides: 1,
        padding: 'valid',
        activation: 'relu',
      },
      { type: 'maxPool2d', poolSize: 2, strides: 2 },
      {
        type: 'conv2d',
        filters: 20,
        kernelSize: 5,
        strides: 1,
        padding: 'valid',
        activation: 'relu',
      },
      { type: 'maxPool2d', poolSize: 2, strides: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 50, activation: 'relu' },
    ],
    heads: tasks.map((task) => ({
      task,
      kind: 'classification',
      units: 10,
      layers: [{ type: 'dense', units: 50, activation: 'relu' }],
      loss: { type: 'crossEntropy' },
      weight: 1,
      temperature: 1,
    })),
  };
}

/**
 * The image reference of the speed benchmark: conv8-pool-conv16-pool-dense64 (3×3 'same'
 * convolutions, 2×2 pooling) shared by a plain output layer per task.
 */
export function referenceCnn(input: InputSpec, tasks: readonly TaskInfo[]): ModelSpec {
  const conv = (filters: number): LayerSpec => ({
    type: 'conv2d',
    filters,
    kernelSize: 3,
    strides: 1,
    padding: 'same',
    activation: 'relu',
  });
  return {
    version: MODEL_SPEC_VERSION,
    input,
    experts: [],
    trunk: [
      conv(8),
      { type: 'maxPool2d', poolSize: 2, strides: 2 },
      conv(16),
      { type: 'maxPool2d', poolSize: 2, strides: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 64, activation: 'relu' },
    ],
    heads: tasks.map((t) => head(t, [])),
  };
}
