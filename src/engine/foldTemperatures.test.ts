import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../core/datasets/catalog';
import { buildPreset } from '../core/spec/presets';
import { buildModel } from './buildModel';
import { foldTemperatures } from './foldTemperatures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('foldTemperatures', () => {
  it('makes a plain softmax of the outputs equal softmax(z / T) of the original', () => {
    const spec = buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS);
    spec.heads[0].temperature = 0.5;
    spec.heads[1].temperature = 3;
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 11);
    const model = buildModel(spec, 2);
    const expected = (model.predict(x) as tf.Tensor[]).map((z, i) =>
      tf.softmax(tf.div(z, spec.heads[i].temperature)),
    );
    foldTemperatures(model, spec);
    const folded = (model.predict(x) as tf.Tensor[]).map((z) => tf.softmax(z));
    for (let i = 0; i < 3; i++) {
      const a = expected[i].arraySync() as number[][];
      const b = folded[i].arraySync() as number[][];
      a.flat().forEach((v, k) => expect(b.flat()[k]).toBeCloseTo(v, 5));
    }
    // The temperature really changed something for the heads where T ≠ 1.
    const plain = tf
      .softmax((buildModel(spec, 2).predict(x) as tf.Tensor[])[0])
      .arraySync() as number[][];
    expect(Math.abs(plain[0][0] - (expected[0].arraySync() as number[][])[0][0])).toBeGreaterThan(
      1e-4,
    );
  });
});
