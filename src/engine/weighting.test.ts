import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../core/datasets/catalog';
import { createRng } from '../core/random';
import { buildPreset } from '../core/spec/presets';
import { MODEL_SPEC_VERSION, type ModelSpec } from '../core/spec/types';
import { DEFAULT_TRAIN_CONFIG } from '../core/training/config';
import type { StepPoint } from '../core/training/history';
import { geometricWeights, uncertaintyWeight } from '../core/weighting/lossWeights';
import { DEFAULT_WEIGHTING, type StrategyId } from '../core/weighting/strategies';
import { buildNetwork } from './buildModel';
import type { TensorSplit } from './data';
import { GRAD_NORM_EVERY, MultiTaskTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FEATURES = 16;

/**
 * Two tasks on one input: `sign` (which side of a hyperplane, cross-entropy ≈ 0.7 at first) and
 * `big`, a regression whose targets are 10× a projection: its MSE is about 100× larger.
 */
function twoScaleData(n: number, seed: number): TensorSplit {
  const rng = createRng(seed);
  const x = new Float32Array(n * FEATURES).map(() => rng() * 2 - 1);
  const sign = new Int32Array(n);
  const big = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let b = 0;
    for (let f = 0; f < FEATURES; f++) {
      a += x[i * FEATURES + f] * (f % 2 === 0 ? 1 : -1);
      b += x[i * FEATURES + f] * (f < FEATURES / 2 ? 1 : 0.5);
    }
    sign[i] = a > 0 ? 1 : 0;
    big[i] = 10 * b;
  }
  return {
    x: tf.tensor4d(x, [n, 1, FEATURES, 1]),
    y: { sign: tf.tensor1d(sign, 'int32'), big: tf.tensor2d(big, [n, 1]) },
    labels: { sign, big },
    count: n,
  };
}

const twoScaleSpec: ModelSpec = {
  version: MODEL_SPEC_VERSION,
  input: { kind: 'image', height: 1, width: FEATURES, channels: 1 },
  trunk: [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }],
  experts: [],
  heads: [
    {
      task: 'sign',
      kind: 'classification',
      units: 2,
      layers: [],
      loss: { type: 'crossEntropy' },
      weight: 1,
      temperature: 1,
    },
    {
      task: 'big',
      kind: 'regression',
      units: 1,
      layers: [],
      loss: { type: 'mse' },
      weight: 1,
      temperature: 1,
    },
  ],
};

async function train(
  strategy: StrategyId,
  steps: number,
  learningRate = 0.01,
): Promise<StepPoint[]> {
  const data = twoScaleData(640, 3);
  const trainer = new MultiTaskTrainer(
    twoScaleSpec,
    { ...DEFAULT_TRAIN_CONFIG, learningRate, batchSize: 64, epochs: 100 },
    data,
    data,
    { ...DEFAULT_WEIGHTING, strategy },
  );
  const points: StepPoint[] = [];
  for (let i = 0; i < steps; i++) {
    trainer.trainStep();
    if (trainer.step % 10 === 0) points.push((await trainer.flush())!);
  }
  trainer.dispose();
  tf.dispose([data.x, ...Object.values(data.y)]);
  return points;
}

const last = (points: StepPoint[]) => points[points.length - 1];

describe('weighting strategies on a task whose loss is 100× larger', () => {
  it('under Equal the large task dominates the shared layers', async () => {
    const points = await train('equal', GRAD_NORM_EVERY);
    const p = points.find((q) => q.tasks.big.gradNorm !== undefined)!;
    expect(p.tasks.big.gradNorm! / p.tasks.sign.gradNorm!).toBeGreaterThan(10);
    expect(last(points).tasks.big.weight).toBe(1);
    expect(last(points).tasks.sign.weight).toBe(1);
  });

  it('uncertainty weighting learns a far smaller weight for the large task', async () => {
    const points = await train('uncertainty', 400);
    const { sign, big } = last(points).tasks;
    expect(points[0].tasks.big.weight).toBeCloseTo(0.5, 1);
    expect(big.weight! / sign.weight!).toBeLessThan(0.2);
  });

  it('GradNorm lowers the large task’s weight and keeps the weights summing to K', async () => {
    const points = await train('gradnorm', 200);
    const { sign, big } = last(points).tasks;
    expect(big.weight! / sign.weight!).toBeLessThan(0.2);
    expect(big.weight! + sign.weight!).toBeCloseTo(2, 1);
  });

  it('MGDA-UB weights form a convex combination, leaning towards the small gradient', async () => {
    const points = await train('mgda', 60);
    const { sign, big } = last(points).tasks;
    expect(sign.weight! + big.weight!).toBeCloseTo(1, 3);
    expect(sign.weight!).toBeGreaterThan(big.weight!);
  });

  it('static weights follow the user’s sliders; Equal ignores them', async () => {
    const spec = {
      ...twoScaleSpec,
      heads: twoScaleSpec.heads.map((h) => ({ ...h, weight: h.task === 'big' ? 0.25 : 2 })),
    };
    const data = twoScaleData(128, 1);
    const trainer = new MultiTaskTrainer(spec, { ...DEFAULT_TRAIN_CONFIG, epochs: 10 }, data, data);
    trainer.trainStep();
    const before = (await trainer.flush())!;
    expect(before.tasks.big.weight).toBe(0.25);
    expect(before.tasks.sign.weight).toBe(2);
    trainer.setWeighting({ ...DEFAULT_WEIGHTING, strategy: 'equal' });
    trainer.trainStep();
    const after = (await trainer.flush())!;
    expect(after.tasks.big.weight).toBe(1);
    trainer.dispose();
    tf.dispose([data.x, ...Object.values(data.y)]);
  });
});

describe('gradient-level strategies', () => {
  for (const preset of ['hps', 'mmoe', 'cgc'] as const) {
    it(`${preset}: each task's eager path reproduces the model's output exactly`, () => {
      const spec = buildPreset(preset, MNIST_INPUT, MNIST_TASKS);
      const network = buildNetwork(spec, 4);
      const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 2);
      const expected = network.model.predict(x) as tf.Tensor[];
      const shared = network.shared(x);
      spec.heads.forEach((_, i) => {
        const out = network.task(i, shared);
        expect(Array.from(out.dataSync())).toEqual(Array.from(expected[i].dataSync()));
      });
      network.model.dispose();
    });
  }

  for (const strategy of [
    'pcgrad',
    'mgda',
    'cagrad',
    'nash',
    'gradnorm',
    'rlw',
    'dwa',
    'gls',
    'uncertainty',
  ] as const) {
    it(`${strategy}: trains an MMoE model without leaking tensors, and learns`, async () => {
      const spec = buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS);
      const ds = (await import('./testData')).loadBuiltinForTests('mnist');
      const { tensorSplit } = await import('./data');
      const idx = Int32Array.from({ length: 256 }, (_, i) => i);
      const data = tensorSplit(ds, idx);
      const trainer = new MultiTaskTrainer(
        spec,
        { ...DEFAULT_TRAIN_CONFIG, batchSize: 32, epochs: 3, learningRate: 0.003 },
        data,
        data,
        { ...DEFAULT_WEIGHTING, strategy },
      );
      trainer.trainStep();
      await trainer.flush();
      const before = tf.memory().numTensors;
      const first = (await trainer.evaluate()).digit.loss;
      while (!trainer.done) trainer.trainStep();
      const point = (await trainer.flush())!;
      trainer.takeEpochTrainValues();
      expect(tf.memory().numTensors).toBe(before);
      const after = await trainer.evaluate();
      expect(after.digit.loss).toBeLessThan(first);
      for (const task of Object.values(point.tasks))
        expect(Number.isFinite(task.weight)).toBe(true);
      trainer.dispose();
      tf.dispose([data.x, ...Object.values(data.y)]);
    });
  }

  it('reports the cosine of each pair of task gradients on the shared layers', async () => {
    const points = await train('equal', GRAD_NORM_EVERY);
    const p = points.find((q) => q.gradCosine)!;
    expect(p.gradCosine).toHaveLength(1);
    expect(p.gradCosine![0].a).toBe('sign');
    expect(p.gradCosine![0].b).toBe('big');
    expect(Math.abs(p.gradCosine![0].cosine)).toBeLessThanOrEqual(1);
  });
});

describe('effective weights the backend computes', () => {
  it('GLS reports G/(K·Lᵢ) of the step’s losses, as the pure formula gives, leaking nothing', async () => {
    const data = twoScaleData(128, 2);
    const trainer = new MultiTaskTrainer(twoScaleSpec, DEFAULT_TRAIN_CONFIG, data, data, {
      ...DEFAULT_WEIGHTING,
      strategy: 'gls',
    });
    trainer.trainStep();
    const p = (await trainer.flush())!;
    const [sign, big] = geometricWeights([p.tasks.sign.loss, p.tasks.big.loss]);
    expect(p.tasks.sign.weight! / sign).toBeCloseTo(1, 5);
    expect(p.tasks.big.weight! / big).toBeCloseTo(1, 5);
    const before = tf.memory().numTensors;
    trainer.trainStep();
    trainer.trainStep();
    await trainer.flush();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    tf.dispose([data.x, ...Object.values(data.y)]);
  });

  it('uncertainty reports the weight the step used, 1/(2e^s) before the update', async () => {
    const data = twoScaleData(128, 2);
    const trainer = new MultiTaskTrainer(twoScaleSpec, DEFAULT_TRAIN_CONFIG, data, data, {
      ...DEFAULT_WEIGHTING,
      strategy: 'uncertainty',
    });
    trainer.trainStep();
    const p = (await trainer.flush())!;
    // sᵢ starts at 0: the first step's weights are exactly ½.
    expect(p.tasks.sign.weight).toBe(uncertaintyWeight(0));
    expect(p.tasks.big.weight).toBe(uncertaintyWeight(0));
    trainer.dispose();
    tf.dispose([data.x, ...Object.values(data.y)]);
  });
});
