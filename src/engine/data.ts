import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../core/datasets/imageSetFormat';

/** Examples of one split on the backend, plus the labels on the CPU for metrics. */
export interface TensorSplit {
  /** Inputs, [N, ...inputShape]. */
  x: tf.Tensor;
  /** Per task: int32 class ids [N] (or [N, T] for tagging). */
  y: Record<string, tf.Tensor>;
  labels: Record<string, Int32Array>;
  count: number;
}

/**
 * Uploads the chosen examples of an image set as float32 in [0, 1]. The caller owns the tensors
 * (`disposeSplit`).
 */
export function imageSplit(
  set: ImageSet,
  labels: Record<string, Int32Array>,
  indices: Int32Array,
): TensorSplit {
  const size = set.height * set.width * set.channels;
  const pixels = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * size;
    for (let k = 0; k < size; k++) pixels[i * size + k] = set.pixels[from + k] / 255;
  }
  const picked: Record<string, Int32Array> = {};
  const y: Record<string, tf.Tensor> = {};
  for (const [task, all] of Object.entries(labels)) {
    picked[task] = Int32Array.from(indices, (i) => all[i]);
    y[task] = tf.tensor1d(picked[task], 'int32');
  }
  return {
    x: tf.tensor4d(pixels, [indices.length, set.height, set.width, set.channels]),
    y,
    labels: picked,
    count: indices.length,
  };
}

export function disposeSplit(split: TensorSplit): void {
  split.x.dispose();
  for (const t of Object.values(split.y)) t.dispose();
}
