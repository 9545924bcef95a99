import * as tf from '@tensorflow/tfjs';
import { inputShape } from '../core/spec/shapes';
import type { ModelSpec } from '../core/spec/types';
import { buildModel } from './buildModel';
import { headLoss } from './losses';

const PROBE_BATCH = 4;

/**
 * One real training step of `spec` on the current backend, on a small synthetic batch: it fails
 * exactly where a backend lacks a kernel the model needs (e.g. WASM's missing conv gradient).
 * Resolves to the step's duration in ms; rejects with the backend's error. Leaves no tensors behind.
 */
export async function probeTrainingStep(spec: ModelSpec): Promise<number> {
  const started = performance.now();
  const model = buildModel(spec, 0);
  const optimizer = tf.train.sgd(0.01);
  try {
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const cost = tf.tidy(() => {
      const shape = [PROBE_BATCH, ...inputShape(spec.input)];
      const x =
        spec.input.kind === 'tokens'
          ? tf.randomUniform(shape, 0, spec.input.vocabSize, 'int32')
          : tf.randomUniform(shape);
      return optimizer.minimize(
        () => {
          const raw = model.apply(x, { training: true });
          const outputs = (Array.isArray(raw) ? raw : [raw]) as tf.Tensor[];
          const losses = spec.heads.map((h, i) => {
            const out = outputs[i];
            const y =
              h.kind === 'reconstruction'
                ? x
                : h.kind === 'regression'
                  ? tf.zerosLike(out)
                  : tf.zeros(out.shape.slice(0, -1), 'int32');
            const weights =
              h.loss.type === 'weightedFocal' ? new Array<number>(h.units).fill(1) : undefined;
            return headLoss(h.loss, y, out, h.temperature, weights);
          });
          return tf.addN(losses) as tf.Scalar;
        },
        true,
        vars,
      )!;
    });
    const value = (await cost.data())[0];
    cost.dispose();
    if (!Number.isFinite(value))
      throw new Error(`the probe step gave a non-finite loss (${value})`);
    return performance.now() - started;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
