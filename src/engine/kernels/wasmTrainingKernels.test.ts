import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './wasmTrainingKernels';

beforeAll(() => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
});

/** Runs `f` on a backend and returns plain numbers, so results from two backends compare. */
async function on(
  backend: string,
  f: () => tf.Tensor,
): Promise<{ shape: number[]; values: number[] }> {
  await tf.setBackend(backend);
  const t = tf.tidy(f);
  const out = { shape: t.shape, values: Array.from(await t.data()) };
  t.dispose();
  return out;
}

function expectClose(
  a: { shape: number[]; values: number[] },
  b: { shape: number[]; values: number[] },
) {
  expect(a.shape).toEqual(b.shape);
  const scale = Math.max(1, ...b.values.map(Math.abs));
  a.values.forEach((v, i) => expect(Math.abs(v - b.values[i]) / scale).toBeLessThan(1e-5));
}

describe('WASM training kernels agree with the CPU backend', () => {
  it('UnsortedSegmentSum, with repeated and out-of-range ids', async () => {
    const f = () =>
      tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 2]),
        tf.tensor1d([2, 0, 2, 7, -1], 'int32'),
        4,
      );
    const wasm = await on('wasm', f);
    // By hand: segment 0 = row 1, segment 2 = rows 0 + 2, segments 1 and 3 empty.
    expect(wasm.values).toEqual([3, 4, 0, 0, 1 + 5, 2 + 6, 0, 0]);
    expectClose(wasm, await on('cpu', f));
  });

  it('the gradient of an embedding lookup', async () => {
    const f = () =>
      tf.grad((table: tf.Tensor) =>
        tf.sum(tf.mul(tf.gather(table, tf.tensor2d([[1, 3, 1]], [1, 3], 'int32')), 2)),
      )(tf.randomNormal([5, 4], 0, 1, 'float32', 1));
    expectClose(await on('wasm', f), await on('cpu', f));
  });

  const cases = [
    { name: 'stride 1, same', x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { name: 'stride 2, same', x: [2, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
    { name: 'stride 2, valid', x: [3, 10, 10, 1], filter: [4, 4, 1, 3], strides: 2, pad: 'valid' },
    {
      name: 'stride 3, valid, wide',
      x: [1, 7, 11, 2],
      filter: [2, 5, 2, 2],
      strides: 3,
      pad: 'valid',
    },
  ] as const;
  for (const c of cases) {
    it(`Conv2DBackpropFilter, ${c.name}`, async () => {
      const f = () => {
        const x = tf.randomNormal([...c.x], 0, 1, 'float32', 2) as tf.Tensor4D;
        const w = tf.randomNormal([...c.filter], 0, 1, 'float32', 3) as tf.Tensor4D;
        return tf.grad((filter: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(x, filter as tf.Tensor4D, c.strides, c.pad))),
        )(w);
      };
      expectClose(await on('wasm', f), await on('cpu', f));
    });
  }

  it('a Conv1D layer trains on WASM', async () => {
    await tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 6 }),
        tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.globalMaxPooling1d(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]], [1, 6], 'int32');
    const y = tf.oneHot(tf.tensor1d([1], 'int32'), 2);
    const optimizer = tf.train.sgd(0.1);
    const loss = () => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar;
    const before = loss().dataSync()[0];
    for (let i = 0; i < 20; i++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before);
  });
});
