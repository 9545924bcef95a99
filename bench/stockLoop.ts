import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed, permutation } from '../src/core/random';
import type { ModelSpec } from '../src/core/spec/types';
import type { TrainConfig } from '../src/core/training/config';
import { buildModel } from '../src/engine/buildModel';
import type { TensorSplit } from '../src/engine/data';

/** What a TF.js user writes by hand: one model, Σ softmax cross-entropies, optimizer.minimize. */
export function stockLoop(spec: ModelSpec, train: TensorSplit, config: TrainConfig) {
  const BATCH = config.batchSize;
  const model = buildModel(spec, config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  // The app's trainer draws its batches the same way (a new order each epoch, a short last
  // batch), so both train on the same examples in the same order.
  const rng = createRng(deriveSeed(config.seed, 'shuffle'));
  const stepsPerEpoch = Math.ceil(train.count / BATCH);
  let order = permutation(train.count, rng);
  let step = 0;
  const run = async (steps: number) => {
    const start = performance.now();
    let last: tf.Scalar | null = null;
    for (let s = 0; s < steps; s++, step++) {
      const within = step % stepsPerEpoch;
      if (within === 0 && step > 0) order = permutation(train.count, rng);
      const batch = order.subarray(within * BATCH, Math.min((within + 1) * BATCH, train.count));
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
  return { model, run, dispose: () => (optimizer.dispose(), model.dispose()) };
}
