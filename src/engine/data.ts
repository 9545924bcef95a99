import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../core/datasets/encoded';

/** Examples of one split on the backend, plus the labels on the CPU for metrics. */
export interface TensorSplit {
  /** Inputs, [N, ...inputShape]: float32 pixels in [0, 1], or int32 token ids. */
  x: tf.Tensor;
  /** Per task: int32 class ids [N] or tag ids [N, T]; float32 [N, 1] for regression. */
  y: Record<string, tf.Tensor>;
  /** The same labels as plain arrays, flattened row-major. */
  labels: Record<string, Int32Array | Float32Array>;
  count: number;
}

/** Copies rows `indices` of a row-major array with `width` values per row. */
function pickRows<T extends Uint8Array | Int32Array | Float32Array>(
  source: T,
  width: number,
  indices: Int32Array,
  into: T,
): T {
  for (let i = 0; i < indices.length; i++) {
    into.set(source.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
  }
  return into;
}

/** Uploads the chosen examples. The caller owns the tensors (`disposeSplit`). */
export function tensorSplit(ds: EncodedDataset, indices: Int32Array): TensorSplit {
  const n = indices.length;
  const input = ds.info.input;
  let x: tf.Tensor;
  if (input.kind === 'image') {
    const size = input.height * input.width * input.channels;
    const bytes = pickRows(ds.x as Uint8Array, size, indices, new Uint8Array(n * size));
    const pixels = new Float32Array(bytes.length);
    for (let k = 0; k < bytes.length; k++) pixels[k] = bytes[k] / 255;
    x = tf.tensor4d(pixels, [n, input.height, input.width, input.channels]);
  } else {
    const T = input.maxLength;
    x = tf.tensor2d(
      pickRows(ds.x as Int32Array, T, indices, new Int32Array(n * T)),
      [n, T],
      'int32',
    );
  }
  const labels: TensorSplit['labels'] = {};
  const y: TensorSplit['y'] = {};
  for (const task of ds.info.tasks) {
    const all = ds.y[task.id];
    if (task.kind === 'reconstruction') continue;
    if (task.kind === 'regression') {
      const values = pickRows(all as Float32Array, 1, indices, new Float32Array(n));
      labels[task.id] = values;
      y[task.id] = tf.tensor2d(values, [n, 1]);
    } else if (task.kind === 'sequenceLabeling') {
      const T = input.kind === 'tokens' ? input.maxLength : 0;
      const values = pickRows(all as Int32Array, T, indices, new Int32Array(n * T));
      labels[task.id] = values;
      y[task.id] = tf.tensor2d(values, [n, T], 'int32');
    } else {
      const values = pickRows(all as Int32Array, 1, indices, new Int32Array(n));
      labels[task.id] = values;
      y[task.id] = tf.tensor1d(values, 'int32');
    }
  }
  return { x, y, labels, count: n };
}

export function disposeSplit(split: TensorSplit): void {
  split.x.dispose();
  for (const t of Object.values(split.y)) t.dispose();
}
