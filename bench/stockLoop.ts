import * as tf from '@tensorflow/tfjs';
import { createRng, permutation } from '../src/core/random';
import type { ModelSpec } from '../src/core/spec/types';
import type { TrainConfig } from '../src/core/training/config';
import { buildModel } from '../src/engine/buildModel';
import type { TensorSplit } from '../src/engine/data';

/** What a TF.js user writes by hand: one model, Σ softmax cross-entropies, optimizer.minimize. */
export function stockLoop(spec: ModelSpec, train: TensorSplit, config: TrainConfig) {
  const BATCH = config.batchSize;
  const model = buildModel(spec, config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  const rng = createRng(1);
  let order = permutation(train.count, rng);
  let at = 0;
  const run = async (steps: number) => {
    const start = performance.now();
    let last: tf.Scalar | null = null;
    for (let s = 0; s < steps; s++) {
      if (at + BATCH > train.count) {
        order = permutation(train.count, rng);
        at = 0;
      }
      const batch = order.subarray(at, at + BATCH);
      at += BATCH;
      last?.dispose();
      last = tf.tidy(() => {
        const idx = tf.tensor1d(batch, 'int32');
        const x = tf.gather(train.x, idx);
        const ys = spec.heads.map((h) => tf.oneHot(tf.gather(train.y[h.task], idx), h.units));
        return optimizer.minimize(() => {
          const outs = model.apply(x, { training: true }) as tf.Tensor[];
          return tf.addN(ys.map((y, i) => tf.losses.softmaxCrossEntropy(y, outs[i]))) as tf.Scalar;
        }, true)!;
      });
    }
    await last?.data();
    last?.dispose();
    return steps / ((performance.now() - start) / 1000);
  };
  return { run, dispose: () => (optimizer.dispose(), model.dispose()) };
}
