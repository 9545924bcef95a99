import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../core/datasets/catalog';
import { splitIndices } from '../core/datasets/split';
import { analyzeSpec } from '../core/spec/analyze';
import { buildPreset, PRESETS } from '../core/spec/presets';
import { MODEL_SPEC_VERSION, type ModelSpec } from '../core/spec/types';
import { DEFAULT_TRAIN_CONFIG } from '../core/training/config';
import type { StepPoint } from '../core/training/history';
import { buildModel, setGateTemperature } from './buildModel';
import { disposeSplit, tensorSplit } from './data';
import { GRAD_NORM_EVERY, MultiTaskTrainer } from './trainer';
import { loadBuiltinForTests } from './testData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildModel', () => {
  for (const { id: preset } of PRESETS) {
    it(`builds the ${preset} preset with one output per head and the parameter count shape inference predicts`, () => {
      const spec = buildPreset(preset, MNIST_INPUT, MNIST_TASKS);
      const model = buildModel(spec, 1);
      const out = model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor[];
      expect(out.map((t) => t.shape)).toEqual(
        spec.heads.map((h) => (h.kind === 'reconstruction' ? [2, 28, 28, 1] : [2, h.units])),
      );
      expect(spec.heads.length).toBe(preset === 'autoencoder' ? 4 : 3);
      expect(model.countParams()).toBe(analyzeSpec(spec, MNIST_TASKS).totalParams);
      tf.dispose(out);
      model.dispose();
    });
  }

  it('builds every layer kind, with the shapes and parameter counts shape inference predicts', () => {
    const tokens: ModelSpec = {
      version: MODEL_SPEC_VERSION,
      experts: [],
      input: { kind: 'tokens', vocabSize: 50, maxLength: 12 },
      trunk: [
        { type: 'embedding', outputDim: 8 },
        { type: 'dropout', rate: 0.1 },
        {
          type: 'conv1d',
          filters: 6,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'gru', units: 5, bidirectional: true, returnSequences: true },
        { type: 'layerNorm' },
      ],
      heads: [
        {
          task: 'tags',
          kind: 'sequenceLabeling',
          units: 4,
          layers: [],
          loss: { type: 'crossEntropy' },
          weight: 1,
          temperature: 1,
        },
        {
          task: 'topic',
          kind: 'classification',
          units: 3,
          layers: [{ type: 'globalPool', mode: 'max' }],
          loss: { type: 'focal', gamma: 2, alpha: 1 },
          weight: 1,
          temperature: 1,
        },
      ],
    };
    const images: ModelSpec = {
      version: MODEL_SPEC_VERSION,
      experts: [],
      input: MNIST_INPUT,
      trunk: [
        {
          type: 'conv2d',
          filters: 4,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'maxPool2d', poolSize: 2, strides: 2 },
        { type: 'globalPool', mode: 'average' },
      ],
      heads: [
        {
          task: 'digit',
          kind: 'classification',
          units: 10,
          layers: [],
          loss: { type: 'dice' },
          weight: 1,
          temperature: 1,
        },
      ],
    };
    for (const [spec, x, shapes] of [
      [
        tokens,
        tf.zeros([2, 12], 'int32'),
        [
          [2, 12, 4],
          [2, 3],
        ],
      ],
      [images, tf.zeros([2, 28, 28, 1]), [[2, 10]]],
    ] as const) {
      expect(analyzeSpec(spec).issues).toEqual([]);
      const model = buildModel(spec, 1);
      const raw = model.predict(x);
      const out = Array.isArray(raw) ? raw : [raw];
      expect(out.map((t) => t.shape)).toEqual(shapes);
      expect(model.countParams()).toBe(analyzeSpec(spec).totalParams);
      tf.dispose(out);
      model.dispose();
    }
  });

  it('saves in the standard TF.js format and loads back in stock TF.js with the same predictions', async () => {
    const spec = buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS);
    const model = buildModel(spec, 3);
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5);
    const a = model.predict(x) as tf.Tensor[];
    const b = loaded.predict(x) as tf.Tensor[];
    for (let i = 0; i < a.length; i++) {
      expect(Array.from(b[i].dataSync())).toEqual(Array.from(a[i].dataSync()));
    }
    tf.dispose([...a, ...b, x]);
    model.dispose();
    loaded.dispose();
  });

  it('a gate temperature changed on a built model acts as if built with it, and is saved', () => {
    const spec = buildPreset('cgc', MNIST_INPUT, MNIST_TASKS);
    const hot = structuredClone(spec);
    hot.heads[0].gate!.temperature = 4;
    const model = buildModel(spec, 3);
    const reference = buildModel(hot, 3);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 9);
    const before = model.predict(x) as tf.Tensor[];
    setGateTemperature(model, spec.heads[0].task, 4);
    const after = model.predict(x) as tf.Tensor[];
    const expected = reference.predict(x) as tf.Tensor[];
    expect(Array.from(after[0].dataSync())).not.toEqual(Array.from(before[0].dataSync()));
    expect(Array.from(after[0].dataSync())).toEqual(Array.from(expected[0].dataSync()));
    // Only the digit gate changed: the other heads predict as before.
    expect(Array.from(after[1].dataSync())).toEqual(Array.from(before[1].dataSync()));
    const saved = JSON.stringify(model.toJSON(null, false));
    expect(saved).toContain('"scale":0.25');
    tf.dispose([x, ...before, ...after, ...expected]);
    model.dispose();
    reference.dispose();
  });

  it('gives identical initial weights for the same seed and different ones for another', () => {
    const spec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
    const first = (seed: number) => {
      const m = buildModel(spec, seed);
      const w = Array.from(m.getWeights()[0].dataSync().slice(0, 20));
      m.dispose();
      return w;
    };
    expect(first(5)).toEqual(first(5));
    expect(first(5)).not.toEqual(first(6));
  });
});

describe('MultiTaskTrainer on MNIST', () => {
  const mnist = loadBuiltinForTests('mnist');
  const { train, validation } = splitIndices(
    mnist.count,
    DEFAULT_TRAIN_CONFIG.validationFraction,
    3,
  );

  it('measures each task’s gradient norm on the shared layers, and only where layers are shared', async () => {
    const trainSplit = tensorSplit(mnist, train.slice(0, 640));
    const valSplit = tensorSplit(mnist, validation.slice(0, 64));
    const norms = async (preset: 'hps' | 'single') => {
      const spec = buildPreset(preset, MNIST_INPUT, MNIST_TASKS);
      const trainer = new MultiTaskTrainer(
        spec,
        { ...DEFAULT_TRAIN_CONFIG, seed: 3 },
        trainSplit,
        valSplit,
      );
      trainer.trainStep();
      const first = (await trainer.flush())!;
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < GRAD_NORM_EVERY; i++) trainer.trainStep();
      const later = (await trainer.flush())!;
      trainer.trainStep();
      const between = (await trainer.flush())!;
      expect(tf.memory().numTensors).toBe(tensors);
      trainer.dispose();
      return [first, later, between].map((p) => p.tasks.digit.gradNorm);
    };
    const [first, later, between] = await norms('hps');
    expect(first).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(0);
    // Not measured again until GRAD_NORM_EVERY more steps.
    expect(between).toBeUndefined();
    expect(await norms('single')).toEqual([undefined, undefined, undefined]);
    disposeSplit(trainSplit);
    disposeSplit(valSplit);
  });

  it('learns every task well above chance on held-out digits, without leaking tensors', async () => {
    const trainSplit = tensorSplit(mnist, train.slice(0, 3000));
    const valSplit = tensorSplit(mnist, validation.slice(0, 1000));
    const spec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
    const trainer = new MultiTaskTrainer(
      spec,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 3, seed: 3 },
      trainSplit,
      valSplit,
    );

    trainer.trainStep(); // the optimizer allocates its slots on the first step
    await trainer.flush();
    const tensorsAfterFirstStep = tf.memory().numTensors;
    let points: StepPoint[] = [];
    while (!trainer.done) {
      trainer.trainStep();
      if (trainer.step % 10 === 0) points.push((await trainer.flush())!);
      if (trainer.atEpochEnd) {
        points.push((await trainer.flush())!);
        // The epoch's training means agree with the points streamed during it.
        const epoch = trainer.takeEpochTrainValues();
        for (const task of ['digit', 'parity', 'high']) {
          const values = points.map((p) => p.tasks[task]);
          const mean = (key: 'loss' | 'metric') =>
            values.reduce((a, v) => a + v[key], 0) / values.length;
          expect(epoch[task].loss).toBeCloseTo(mean('loss'), 1);
          expect(epoch[task].metric).toBeCloseTo(mean('metric'), 1);
          expect(epoch[task].metric).toBeGreaterThan(Math.min(...values.map((v) => v.metric)));
        }
        points = [];
        await trainer.evaluate();
      }
    }
    await trainer.flush();
    expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);

    const result = await trainer.evaluate();
    // Chance: 0.1 for the digit, 0.5 for parity and ≥ 5.
    expect(result.digit.metric).toBeGreaterThan(0.8);
    expect(result.parity.metric).toBeGreaterThan(0.8);
    expect(result.high.metric).toBeGreaterThan(0.8);
    expect(result.digit.macroF1).toBeGreaterThan(0.75);
    trainer.dispose();
    disposeSplit(trainSplit);
    disposeSplit(valSplit);
  });

  it('a zero loss weight stops a task from learning; changing it mid-run takes effect', async () => {
    const trainSplit = tensorSplit(mnist, train.slice(0, 1500));
    const valSplit = tensorSplit(mnist, validation.slice(0, 500));
    const spec = buildPreset('single', MNIST_INPUT, MNIST_TASKS);
    spec.heads.forEach((h) => (h.weight = h.task === 'digit' ? 0 : 1));
    const trainer = new MultiTaskTrainer(
      spec,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 2, seed: 4 },
      trainSplit,
      valSplit,
    );
    const before = await trainer.evaluate();
    for (let i = 0; i < trainer.stepsPerEpoch; i++) trainer.trainStep();
    await trainer.flush();
    const frozen = await trainer.evaluate();
    // The digit network is separate (single-task) and has weight 0: its weights do not move.
    expect(frozen.digit.loss).toBeCloseTo(before.digit.loss, 6);
    expect(frozen.parity.metric).toBeGreaterThan(0.7);
    trainer.setTaskSettings('digit', { weight: 1, temperature: 1 });
    while (!trainer.done) trainer.trainStep();
    await trainer.flush();
    const after = await trainer.evaluate();
    expect(after.digit.metric).toBeGreaterThan(0.6);
    trainer.dispose();
    disposeSplit(trainSplit);
    disposeSplit(valSplit);
  });
});
