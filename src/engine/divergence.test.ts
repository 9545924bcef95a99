import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../core/datasets/catalog';
import { splitIndices } from '../core/datasets/split';
import { buildPreset } from '../core/spec/presets';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../core/training/config';
import { disposeSplit, tensorSplit } from './data';
import { MultiTaskTrainer } from './trainer';
import { loadBuiltinForTests } from './testData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (trainer: MultiTaskTrainer) =>
  trainer.model.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));

const distance = (a: Float32Array[], b: Float32Array[]) =>
  Math.sqrt(a.reduce((sum, w, i) => sum + w.reduce((s, v, j) => s + (v - b[i][j]) ** 2, 0), 0));

describe('divergence and gradient clipping', () => {
  const mnist = loadBuiltinForTests('mnist');
  const { train, validation } = splitIndices(mnist.count, 0.2, 3);
  const trainSplit = tensorSplit(mnist, train.slice(0, 640));
  const valSplit = tensorSplit(mnist, validation.slice(0, 64));
  const spec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
  const trainer = (config: Partial<TrainConfig>) =>
    new MultiTaskTrainer(
      spec,
      { ...DEFAULT_TRAIN_CONFIG, seed: 4, ...config },
      trainSplit,
      valSplit,
    );

  it('stops at the first non-finite loss, names the step and the task, and puts the last good weights back', async () => {
    const t = trainer({ optimizer: 'sgd', learningRate: 0.01 });
    for (let i = 0; i < 5; i++) t.trainStep();
    expect(await t.flush()).not.toBeNull();
    const good = weightsOf(t);
    const tensors = tf.memory().numTensors;
    // A learning rate no run survives: SGD's first update throws the weights out by ~1e7.
    t.setOptimization(1e7, 0);
    for (let i = 0; i < 5; i++) t.trainStep();
    expect(await t.flush()).toBeNull();
    const d = t.divergence!;
    expect(d).not.toBeNull();
    expect(d.restoredStep).toBe(5);
    // Step 6 used the good weights and stepped them out; the first bad value is at 6 or 7.
    expect(d.step).toBeGreaterThanOrEqual(6);
    expect(d.step).toBeLessThanOrEqual(10);
    expect(d.tasks.length + (d.gradient ? 1 : 0)).toBeGreaterThan(0);
    d.tasks.forEach((task) => expect(MNIST_TASKS.map((x) => x.id)).toContain(task));
    expect(t.step).toBe(5);
    expect(weightsOf(t)).toEqual(good);

    // Taking the remedy, it trains on from the good weights with finite values only.
    t.acknowledgeDivergence();
    t.setOptimization(0.01, 1);
    for (let i = 0; i < 5; i++) t.trainStep();
    const point = (await t.flush())!;
    expect(point.step).toBe(10);
    expect(point.learningRate).toBe(0.01);
    expect(Object.values(point.tasks).every((v) => Number.isFinite(v.loss))).toBe(true);
    expect(weightsOf(t).every((w) => w.every(Number.isFinite))).toBe(true);
    // The bad window, its snapshot and the poisoned optimizer are gone (the new one has its slots).
    expect(tf.memory().numTensors).toBe(tensors);
    t.dispose();
  });

  it('catches a loss that is infinite from the very first step and keeps the initial weights', async () => {
    const t = trainer({ optimizer: 'sgd', learningRate: 0.01 });
    const initial = weightsOf(t);
    // ln(0) for the parity head's true class: a temperature this small makes the logits overflow.
    t.setTaskSettings('parity', { weight: 1, temperature: 1e-38 });
    t.trainStep();
    expect(await t.flush()).toBeNull();
    expect(t.divergence).toMatchObject({ step: 1, restoredStep: 0 });
    expect(t.divergence!.tasks).toContain('parity');
    expect(weightsOf(t)).toEqual(initial);
    t.dispose();
  });

  it('clips the update to the global norm it is given, and only when the gradient is longer', async () => {
    // Plain SGD + momentum: the first update is exactly lr · g (momentum starts at zero).
    const step = (clipNorm: number) => {
      const t = trainer({ optimizer: 'sgd', learningRate: 0.5, clipNorm });
      const before = weightsOf(t);
      t.trainStep();
      const moved = distance(weightsOf(t), before);
      t.dispose();
      return moved;
    };
    const free = step(0);
    expect(free).toBeGreaterThan(0.5 * 0.01);
    expect(step(0.01)).toBeCloseTo(0.5 * 0.01, 5);
    // A norm above the gradient's leaves the step as it was.
    expect(step(1e6)).toBeCloseTo(free, 5);
  });

  it('frees every tensor it made, snapshots included', async () => {
    const before = tf.memory().numTensors;
    const t = trainer({ optimizer: 'adam', clipNorm: 1 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) t.trainStep();
      await t.flush();
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  afterAll(() => {
    disposeSplit(trainSplit);
    disposeSplit(valSplit);
  });
});
