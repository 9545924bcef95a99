import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
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
  tolerance = 1e-5,
) {
  expect(a.shape).toEqual(b.shape);
  const scale = Math.max(1, ...b.values.map(Math.abs));
  a.values.forEach((v, i) => expect(Math.abs(v - b.values[i]) / scale).toBeLessThan(tolerance));
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

  for (const c of cases) {
    it(`Conv2DBackpropInput, ${c.name}`, async () => {
      const f = () => {
        const x = tf.randomNormal([...c.x], 0, 1, 'float32', 4) as tf.Tensor4D;
        const w = tf.randomNormal([...c.filter], 0, 1, 'float32', 5) as tf.Tensor4D;
        return tf.grad((input: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(input as tf.Tensor4D, w, c.strides, c.pad))),
        )(x);
      };
      expectClose(await on('wasm', f), await on('cpu', f));
    });
  }

  const pools = [
    { name: '2×2 stride 2', x: [2, 8, 8, 3], size: 2, strides: 2, pad: 'valid' },
    { name: '3×3 stride 2, same, odd size', x: [1, 7, 9, 2], size: 3, strides: 2, pad: 'same' },
    { name: '2×2 stride 1, overlapping', x: [2, 5, 5, 1], size: 2, strides: 1, pad: 'valid' },
  ] as const;
  for (const p of pools) {
    it(`MaxPoolGrad, ${p.name}`, async () => {
      const f = () => {
        // Rounded values make ties, where the first largest input must get the gradient.
        const x = tf.round(tf.randomNormal([...p.x], 0, 2, 'float32', 6)) as tf.Tensor4D;
        return tf.grad((input: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, p.size, p.strides, p.pad), 1.5)),
        )(x);
      };
      expectClose(await on('wasm', f), await on('cpu', f));
    });
  }

  it('convolution and pooling gradients on random shapes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 3 }),
          height: fc.integer({ min: 3, max: 12 }),
          width: fc.integer({ min: 3, max: 12 }),
          inChannels: fc.integer({ min: 1, max: 4 }),
          outChannels: fc.integer({ min: 1, max: 5 }),
          kernel: fc.integer({ min: 1, max: 3 }),
          strides: fc.integer({ min: 1, max: 3 }),
          pad: fc.constantFrom('same' as const, 'valid' as const),
          // TF.js treats seed 0 as no seed.
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        async (c) => {
          const f = () => {
            const x = tf.randomNormal(
              [c.batch, c.height, c.width, c.inChannels],
              0,
              1,
              'float32',
              c.seed,
            ) as tf.Tensor4D;
            const w = tf.randomNormal(
              [c.kernel, c.kernel, c.inChannels, c.outChannels],
              0,
              1,
              'float32',
              c.seed + 1,
            ) as tf.Tensor4D;
            const loss = (input: tf.Tensor4D, filter: tf.Tensor4D) =>
              tf.sum(
                tf.square(tf.maxPool(tf.conv2d(input, filter, c.strides, c.pad), 2, 1, 'same')),
              );
            const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
              loss(a as tf.Tensor4D, b as tf.Tensor4D),
            )([x, w]);
            return tf.concat([dx.flatten(), dw.flatten()]);
          };
          expectClose(await on('wasm', f), await on('cpu', f), 1e-4);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("Conv2D with 'same' padding and a stride larger than the kernel", async () => {
    for (const [size, kernel, strides] of [
      [3, 2, 3],
      [8, 3, 4],
      [5, 3, 4],
    ]) {
      const f = () =>
        tf.conv2d(
          tf.randomNormal([1, size, size, 2], 0, 1, 'float32', 7) as tf.Tensor4D,
          tf.randomNormal([kernel, kernel, 2, 3], 0, 1, 'float32', 8) as tf.Tensor4D,
          strides,
          'same',
        );
      expectClose(await on('wasm', f), await on('cpu', f));
      const fused = () =>
        tf.fused.conv2d({
          x: tf.randomNormal([1, size, size, 2], 0, 1, 'float32', 7) as tf.Tensor4D,
          filter: tf.randomNormal([kernel, kernel, 2, 3], 0, 1, 'float32', 8) as tf.Tensor4D,
          strides,
          pad: 'same',
          bias: tf.tensor1d([0.1, -0.2, 0.3]),
          activation: 'relu',
        });
      expectClose(await on('wasm', fused), await on('cpu', fused));
    }
  });

  it('matrix products with transposed operands, batched, on random shapes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 3 }),
          m: fc.integer({ min: 1, max: 9 }),
          k: fc.integer({ min: 1, max: 9 }),
          n: fc.integer({ min: 1, max: 9 }),
          transposeA: fc.boolean(),
          transposeB: fc.boolean(),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        async (c) => {
          const f = () =>
            tf.matMul(
              tf.randomNormal(
                c.transposeA ? [c.batch, c.k, c.m] : [c.batch, c.m, c.k],
                0,
                1,
                'float32',
                c.seed,
              ),
              tf.randomNormal(
                c.transposeB ? [c.batch, c.n, c.k] : [c.batch, c.k, c.n],
                0,
                1,
                'float32',
                c.seed + 1,
              ),
              c.transposeA,
              c.transposeB,
            );
          expectClose(await on('wasm', f), await on('cpu', f), 1e-4);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a CNN trains along the same loss curve on WASM (these kernels) as on the CPU backend', async () => {
    const curve = async (backend: string) => {
      await tf.setBackend(backend);
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [12, 12, 1],
            filters: 4,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({
            filters: 6,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
          }),
          tf.layers.flatten(),
          tf.layers.dense({
            units: 3,
            kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
          }),
        ],
      });
      const x = tf.randomUniform([16, 12, 12, 1], 0, 1, 'float32', 4);
      const y = tf.oneHot(
        tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 2, 0, 1], 'int32'),
        3,
      );
      const optimizer = tf.train.adam(0.01);
      const losses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const loss = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar,
          true,
        )!;
        losses.push(loss.dataSync()[0]);
        loss.dispose();
      }
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
      return losses;
    };
    const wasm = await curve('wasm');
    const cpu = await curve('cpu');
    expect(wasm[14]).toBeLessThan(wasm[0] * 0.9);
    wasm.forEach((loss, i) => expect(Math.abs(loss - cpu[i]) / cpu[i]).toBeLessThan(1e-3));
  });

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
