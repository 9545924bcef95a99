import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../core/datasets/catalog';
import { decodeWeights, encodeWeights } from '../core/share/weightsCodec';
import { buildPreset } from '../core/spec/presets';
import { buildNetwork } from './buildModel';
import { assignWeights, readWeights } from './modelWeights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model weights as plain arrays', () => {
  it('move from one model to another of the same spec, exactly, without leaking tensors', async () => {
    const spec = buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS);
    const source = buildNetwork(spec, 1).model;
    const target = buildNetwork(spec, 2).model;
    const input = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5);
    const set = await readWeights(source, 42);
    expect(set.tensors).toHaveLength(source.weights.length);

    const before = tf.memory().numTensors;
    const decoded = decodeWeights(encodeWeights(set, 'float32'));
    if (!decoded.ok) throw new Error(decoded.message);
    assignWeights(target, decoded.value);
    expect(tf.memory().numTensors).toBe(before);

    const a = source.predict(input) as tf.Tensor[];
    const b = target.predict(input) as tf.Tensor[];
    a.forEach((t, i) => expect(Array.from(b[i].dataSync())).toEqual(Array.from(t.dataSync())));
    tf.dispose([input, ...a, ...b]);
    source.dispose();
    target.dispose();
  });

  it('refuse weights of another model and leave the model as it was', async () => {
    const hps = buildNetwork(buildPreset('hps', MNIST_INPUT, MNIST_TASKS), 1).model;
    const mmoe = buildNetwork(buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS), 1).model;
    const kept = await readWeights(hps, 0);
    const foreign = await readWeights(mmoe, 0);
    expect(() => assignWeights(hps, foreign)).toThrow(
      /weight arrays where this model has|in this model but/,
    );
    const swapped = { step: 0, tensors: [...kept.tensors].reverse() };
    expect(() => assignWeights(hps, swapped)).toThrow(/in this model but/);
    const after = await readWeights(hps, 0);
    after.tensors.forEach((t, i) => expect(t.values).toEqual(kept.tensors[i].values));
    hps.dispose();
    mmoe.dispose();
  });
});
