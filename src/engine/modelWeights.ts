import * as tf from '@tensorflow/tfjs';
import type { WeightSet, WeightTensor } from '../core/share/weightsCodec';

/** Every weight of the model (trainable or not), in `model.weights` order, as plain arrays. */
export async function readWeights(model: tf.LayersModel, step: number): Promise<WeightSet> {
  // Copied at once: training may go on while the values travel back, and every array must be
  // of the same step.
  const copies = model.weights.map((w) => tf.clone(w.read()));
  const tensors: WeightTensor[] = [];
  try {
    for (const copy of copies) {
      tensors.push({ shape: [...copy.shape], values: (await copy.data()) as Float32Array });
    }
  } finally {
    tf.dispose(copies);
  }
  return { step, tensors };
}

/**
 * Puts weights from outside into the model after checking they fit it, array by array; a set
 * that does not fit changes nothing and the error names the first layer it does not fit.
 */
export function assignWeights(model: tf.LayersModel, set: WeightSet): void {
  const weights = model.weights;
  if (set.tensors.length !== weights.length) {
    throw new Error(
      `they hold ${set.tensors.length} weight arrays where this model has ${weights.length}`,
    );
  }
  weights.forEach((w, i) => {
    const shape = set.tensors[i].shape;
    if (shape.length !== w.shape.length || shape.some((d, j) => d !== w.shape[j])) {
      throw new Error(
        `${w.originalName} is [${w.shape.join(', ')}] in this model but [${shape.join(', ')}] in them`,
      );
    }
  });
  tf.tidy(() => {
    weights.forEach((w, i) => w.write(tf.tensor(set.tensors[i].values, set.tensors[i].shape)));
  });
}
