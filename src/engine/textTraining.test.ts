import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../core/datasets/split';
import { analyzeSpec } from '../core/spec/analyze';
import { buildPreset, PRESETS } from '../core/spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../core/training/config';
import { buildModel } from './buildModel';
import { disposeSplit, tensorSplit } from './data';
import { registerWasmTrainingKernels } from './kernels/wasmTrainingKernels';
import { loadBuiltinForTests } from './testData';
import { MultiTaskTrainer } from './trainer';

// Text models train on WASM here, as in the app on a machine without a GPU.
beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Brown corpus: sentence labels and token tags on one encoder', () => {
  const brown = loadBuiltinForTests('brown5k');

  it('offers five tasks with the published label sets', () => {
    expect(brown.count).toBe(5000);
    const tasks = Object.fromEntries(brown.info.tasks.map((t) => [t.id, t]));
    expect(tasks.genre.classes).toHaveLength(15);
    expect(tasks.mode.classes).toEqual(['imaginative', 'informative']);
    expect(tasks.upos.classes).toEqual([
      '.',
      'ADJ',
      'ADP',
      'ADV',
      'CONJ',
      'DET',
      'NOUN',
      'NUM',
      'PRON',
      'PRT',
      'VERB',
      'X',
    ]);
    expect(tasks.name.classes).toEqual(['B-NAME', 'I-NAME', 'O']);
    expect(tasks.upos.kind).toBe('sequenceLabeling');
    expect(brown.info.input).toEqual({ kind: 'tokens', vocabSize: 5000, maxLength: 40 });
  });

  for (const preset of PRESETS.map((p) => p.id).filter((p) => p !== 'autoencoder')) {
    it(`the ${preset} preset is valid and builds with the predicted parameter count`, () => {
      const spec = buildPreset(preset, brown.info.input, brown.info.tasks);
      const analysis = analyzeSpec(spec, brown.info.tasks);
      expect(analysis.issues).toEqual([]);
      const model = buildModel(spec, 1);
      expect(model.countParams()).toBe(analysis.totalParams);
      model.dispose();
    });
  }

  it('hard sharing learns the tags far above the majority tag, and the text mode above chance', async () => {
    const { train, validation } = splitIndices(brown.count, 0.2, 5);
    const trainSplit = tensorSplit(brown, train.slice(0, 3000));
    const valSplit = tensorSplit(brown, validation.slice(0, 600));
    const spec = buildPreset('hps', brown.info.input, brown.info.tasks);
    const trainer = new MultiTaskTrainer(
      spec,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 3, learningRate: 0.003, seed: 5 },
      trainSplit,
      valSplit,
    );
    const tensors = tf.memory().numTensors;
    while (!trainer.done) {
      trainer.trainStep();
      if (trainer.step % 20 === 0) await trainer.flush();
    }
    await trainer.flush();
    const result = await trainer.evaluate();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors + 2 * 60);

    // Majority baselines on the validation split, from the labels themselves.
    const majority = (task: string) => {
      const labels = valSplit.labels[task];
      const counts = new Map<number, number>();
      let n = 0;
      for (const l of labels) {
        if (l < 0) continue;
        counts.set(l, (counts.get(l) ?? 0) + 1);
        n++;
      }
      return Math.max(...counts.values()) / n;
    };
    expect(result.upos.metric).toBeGreaterThan(majority('upos') + 0.4);
    expect(result.mode.metric).toBeGreaterThan(majority('mode') + 0.05);
    trainer.dispose();
    disposeSplit(trainSplit);
    disposeSplit(valSplit);
  });
});
