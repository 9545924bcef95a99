import * as tf from '@tensorflow/tfjs';
import type { OptimizerId } from '../core/training/config';

export const SGD_MOMENTUM = 0.9;

export function createOptimizer(id: OptimizerId, learningRate: number): tf.Optimizer {
  switch (id) {
    case 'adam':
      return tf.train.adam(learningRate);
    case 'sgd':
      return tf.train.momentum(learningRate, SGD_MOMENTUM);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    default: {
      const never: never = id;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}

/**
 * Frees an optimizer and its state. TF.js 4.22's MomentumOptimizer.dispose() does not call its
 * parent's, leaving the SGD learning-rate scalar behind: freed here too.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const rate = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (rate && !rate.isDisposed) rate.dispose();
  }
}
