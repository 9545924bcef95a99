import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedGru, fusedGru } from './fusedGru';
import { GRU_SEQUENCE } from './kernels/gruSequence';
import { registerWasmTrainingKernels } from './kernels/wasmTrainingKernels';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

interface Case {
  batch: number;
  steps: number;
  features: number;
  units: number;
  goBackwards: boolean;
  returnSequences: boolean;
  seed: number;
}

/**
 * The layer's output and the gradients of Σ output ⊙ w (a fixed random w) with respect to the
 * input and every weight, as plain arrays.
 */
async function outputsAndGradients(layer: tf.RNN, c: Case, weights: tf.Tensor[]) {
  const x = tf.randomNormal([c.batch, c.steps, c.features], 0, 1, 'float32', c.seed);
  if (!layer.built) tf.dispose(layer.apply(x) as tf.Tensor);
  layer.setWeights(weights);
  const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  const outShape = c.returnSequences ? [c.batch, c.steps, c.units] : [c.batch, c.units];
  const w = tf.randomNormal(outShape, 0, 1, 'float32', c.seed + 1);
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, w));
  const y = layer.apply(x) as tf.Tensor;
  const { grads } = tf.variableGrads(() => loss(x) as tf.Scalar, vars);
  const dx = tf.grad(loss)(x);
  const out = {
    y: Array.from(await y.data()),
    dx: Array.from(await dx.data()),
    dw: await Promise.all(vars.map(async (v) => Array.from(await grads[v.name].data()))),
  };
  tf.dispose([x, w, y, dx, ...Object.values(grads)]);
  return out;
}

function expectClose(a: number[], b: number[], tolerance = 1e-4) {
  expect(a.length).toBe(b.length);
  const scale = Math.max(1, ...b.map(Math.abs));
  a.forEach((v, i) => expect(Math.abs(v - b[i]) / scale).toBeLessThan(tolerance));
}

const kernelsRun = async (f: () => void) =>
  (await tf.profile(() => void f())).kernelNames as string[];

describe('the fused GRU', () => {
  it('agrees with TF.js’s GRU (outputs and all gradients) on random shapes, both directions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 5 }),
          // From 2: TF.js's own GRU throws when differentiated through a single step.
          steps: fc.integer({ min: 2, max: 7 }),
          features: fc.integer({ min: 1, max: 6 }),
          units: fc.integer({ min: 1, max: 6 }),
          goBackwards: fc.boolean(),
          returnSequences: fc.boolean(),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        async (c) => {
          const args = {
            units: c.units,
            goBackwards: c.goBackwards,
            returnSequences: c.returnSequences,
          };
          const stock = tf.layers.gru(args);
          const fused = fusedGru(args);
          // Kernel, recurrent kernel, bias; non-zero biases so every gate's input path counts.
          const shapes = [[c.features, 3 * c.units], [c.units, 3 * c.units], [3 * c.units]];
          const weights = shapes.map((shape, i) =>
            tf.randomNormal(shape, 0, 0.7, 'float32', c.seed + 10 + i),
          );
          const a = await outputsAndGradients(fused, c, weights);
          const b = await outputsAndGradients(stock, c, weights);
          expectClose(a.y, b.y);
          expectClose(a.dx, b.dx);
          a.dw.forEach((g, i) => expectClose(g, b.dw[i]));
          tf.dispose(weights);
          stock.dispose();
          fused.dispose();
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it('runs as one kernel on WASM and as the stock layer on the CPU backend', async () => {
    const layer = fusedGru({ units: 4, returnSequences: true });
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 3);
    const names = await kernelsRun(() => layer.apply(x));
    expect(names).toContain(GRU_SEQUENCE);
    // The per-step slicing the layers API does is gone.
    expect(names.filter((n) => n === 'Unpack')).toHaveLength(0);
    const onWasm = Array.from(await (layer.apply(x) as tf.Tensor).data());
    await tf.setBackend('cpu');
    try {
      const cpuNames = await kernelsRun(() => layer.apply(x));
      expect(cpuNames).not.toContain(GRU_SEQUENCE);
      expectClose(Array.from(await (layer.apply(x) as tf.Tensor).data()), onWasm, 1e-5);
    } finally {
      await tf.setBackend('wasm');
    }
  });

  it('is what a Bidirectional wrapper builds, and saves as a plain GRU', () => {
    const bi = tf.layers.bidirectional({ layer: fusedGru({ units: 3 }), mergeMode: 'concat' });
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [4, 2] }), bi] });
    const inner = bi as unknown as {
      forwardLayer: tf.layers.Layer;
      backwardLayer: tf.layers.Layer;
    };
    expect(inner.forwardLayer).toBeInstanceOf(FusedGru);
    expect(inner.backwardLayer).toBeInstanceOf(FusedGru);
    expect(JSON.stringify(model.toJSON(null, false))).toContain('"class_name":"GRU"');
    model.dispose();
  });

  it('trains a BiGRU tagger with no tensor left behind, along the CPU backend’s loss curve', async () => {
    const curve = async (backend: string) => {
      await tf.setBackend(backend);
      const input = tf.input({ shape: [6], dtype: 'int32' });
      const embedded = tf.layers
        .embedding({
          inputDim: 12,
          outputDim: 5,
          embeddingsInitializer: tf.initializers.randomUniform({
            minval: -0.5,
            maxval: 0.5,
            seed: 1,
          }),
        })
        .apply(input) as tf.SymbolicTensor;
      const encoded = tf.layers
        .bidirectional({
          layer: fusedGru({
            units: 4,
            returnSequences: true,
            kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
            recurrentInitializer: tf.initializers.orthogonal({ seed: 3 }),
          }),
          mergeMode: 'concat',
        })
        .apply(embedded) as tf.SymbolicTensor;
      const tags = tf.layers
        .dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })
        .apply(encoded) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: tags });
      const x = tf.tensor2d(
        [
          [1, 2, 3, 4, 5, 6],
          [6, 5, 4, 3, 2, 1],
          [7, 8, 9, 10, 11, 0],
          [3, 3, 7, 7, 1, 1],
        ],
        [4, 6],
        'int32',
      );
      // Tag = token id mod 3: each token's own id decides it.
      const y = tf.oneHot(tf.cast(tf.mod(x, 3), 'int32'), 3);
      const optimizer = tf.train.adam(0.05);
      const losses: number[] = [];
      const before = tf.memory().numTensors;
      for (let i = 0; i < 30; i++) {
        const loss = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar,
          true,
        )!;
        losses.push((await loss.data())[0]);
        loss.dispose();
        // Adam's moments appear on the first step; after it the count must stay put.
        if (i === 1) expect(tf.memory().numTensors).toBeGreaterThan(before);
        if (i > 1) expect(tf.memory().numTensors).toBe(stepTensors);
        if (i === 1) stepTensors = tf.memory().numTensors;
      }
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
      return losses;
    };
    let stepTensors = 0;
    const wasm = await curve('wasm');
    const cpu = await curve('cpu');
    await tf.setBackend('wasm');
    expect(wasm[29]).toBeLessThan(wasm[0] * 0.5);
    wasm.forEach((loss, i) => expect(Math.abs(loss - cpu[i]) / cpu[i]).toBeLessThan(1e-3));
  });
});
