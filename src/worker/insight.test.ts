import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedDataset } from '../core/datasets/encoded';
import { splitIndices } from '../core/datasets/split';
import { buildPreset, type PresetId } from '../core/spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../core/training/config';
import { disposeSplit, tensorSplit, type TensorSplit } from '../engine/data';
import { saveModel } from '../engine/saveModel';
import { loadBuiltinForTests } from '../engine/testData';
import { MultiTaskTrainer } from '../engine/trainer';
import { evaluateEnsemble } from './ensemble';
import { encodeText, Insight } from './insight';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Trained {
  trainer: MultiTaskTrainer;
  validation: TensorSplit;
  rows: Int32Array;
  insight: Insight;
  done(): void;
}

/** A preset trained `steps` steps on the first 3000 examples, and its insight views. */
async function trained(
  dataset: EncodedDataset,
  preset: PresetId,
  steps: number,
  seed = 1,
): Promise<Trained> {
  const split = splitIndices(3000, 0.2, 1);
  const train = tensorSplit(dataset, split.train);
  const validation = tensorSplit(dataset, split.validation);
  const spec = buildPreset(preset, dataset.info.input, dataset.info.tasks);
  const trainer = new MultiTaskTrainer(
    spec,
    { ...DEFAULT_TRAIN_CONFIG, seed, epochs: 20 },
    train,
    validation,
  );
  for (let i = 0; i < steps; i++) trainer.trainStep();
  await trainer.flush();
  const insight = new Insight({
    model: trainer.model,
    spec,
    dataset,
    validation,
    rows: split.validation,
    step: () => trainer.step,
  });
  return {
    trainer,
    validation,
    rows: split.validation,
    insight,
    done: () => {
      trainer.dispose();
      disposeSplit(train);
      disposeSplit(validation);
    },
  };
}

describe('insight on an MMoE model of MNIST', () => {
  const mnist = loadBuiltinForTests('mnist');
  let mmoe: Promise<Trained> | null = null;
  /** One model trained 200 steps, shared by the tests that only read it. */
  const trainedMmoe = () => (mmoe ??= trained(mnist, 'mmoe', 200));
  afterAll(async () => (await mmoe)?.done());

  it('predicts a drawing like the same validation example, with each gate’s weights', async () => {
    const run = await trainedMmoe();
    const tensors = tf.memory().numTensors;
    const fromSplit = await run.insight.tryInput({ kind: 'validation', index: 3 });
    const example = fromSplit.example!;
    expect(example.pixels).toHaveLength(784);
    expect(example.labels.digit).toEqual([mnist.y.digit[run.rows[3]]]);
    // The same pixels drawn by hand give the same logits.
    const drawn = await run.insight.tryInput({
      kind: 'pixels',
      pixels: Float32Array.from(example.pixels!, (v) => v / 255),
    });
    expect(fromSplit.heads.map((h) => [h.task, h.values.length])).toEqual([
      ['digit', 10],
      ['parity', 2],
      ['high', 2],
    ]);
    drawn.heads.forEach((h, i) =>
      h.values.forEach((v, c) => expect(v).toBeCloseTo(fromSplit.heads[i].values[c], 4)),
    );
    expect(drawn.gates.map((g) => g.task)).toEqual(['digit', 'parity', 'high']);
    for (const g of drawn.gates) {
      expect(g.experts).toEqual(['shared 1', 'shared 2', 'shared 3', 'shared 4']);
      expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    await expect(run.insight.tryInput({ kind: 'text', text: 'hello' })).rejects.toThrow(
      /reads images/,
    );
    await expect(run.insight.tryInput({ kind: 'validation', index: 10_000 })).rejects.toThrow(
      /no validation example/,
    );
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('projects the shared experts’ outputs, and k-means on them finds the digits', async () => {
    const run = await trainedMmoe();
    const tensors = tf.memory().numTensors;
    const embedding = await run.insight.embedding();
    expect(embedding.source).toMatch(/4 shared experts/);
    expect(embedding.views).toHaveLength(1);
    const view = embedding.views[0];
    const n = run.validation.count;
    expect(view.unit).toBe('example');
    expect(view.points).toHaveLength(2 * n);
    expect(view.dims).toBe(4 * 64);
    expect(view.pixels).toHaveLength(n);
    expect(Array.from(view.labels.digit)).toEqual(Array.from(run.validation.labels.digit));
    expect(view.explained[0]).toBeGreaterThan(view.explained[1]);

    const clusters = run.insight.cluster('example', 10, 7);
    expect(clusters.assignment).toHaveLength(n);
    expect(run.insight.cluster('example', 10, 7).assignment).toEqual(clusters.assignment);
    const digit = clusters.scores.find((s) => s.task === 'digit')!;
    // Ten random clusters of ten classes score NMI ≈ 0.01 and purity ≈ 0.15.
    expect(digit.nmi).toBeGreaterThan(0.35);
    expect(digit.purity).toBeGreaterThan(0.5);
    expect(clusters.scores.map((s) => s.task)).toEqual(['digit', 'parity', 'high']);
    expect(() => run.insight.cluster('example', 1, 1)).toThrow(/k must be/);

    const usage = await run.insight.gateUsage();
    expect(usage.step).toBe(200);
    for (const t of usage.tasks) expect(t.mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('scores an ensemble of two seeds: each member as the trainer does, and both votes', async () => {
    const a = await trained(mnist, 'hps', 40, 1);
    const b = await trained(mnist, 'hps', 40, 2);
    const members = await Promise.all(
      [a, b].map(async (run, i) => ({
        runId: `r${i}`,
        name: `Run ${i + 1}`,
        spec: run.trainer.spec,
        model: await saveModel(run.trainer.model),
      })),
    );
    const tensors = tf.memory().numTensors;
    const result = await evaluateEnsemble(members, mnist, a.validation);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.rows).toBe(a.validation.count);
    const own = [await a.trainer.evaluate(), await b.trainer.evaluate()];
    for (const task of result.tasks) {
      task.members.forEach((m, i) => expect(m).toBeCloseTo(own[i][task.task].metric, 6));
      expect(task.soft).toBeGreaterThanOrEqual(Math.min(...task.members));
      expect(task.hard).not.toBeNull();
    }
    await expect(evaluateEnsemble(members.slice(0, 1), mnist, a.validation)).rejects.toThrow(
      /at least two/,
    );
    a.done();
    b.done();
  });
});

describe('insight on a tagger of the Brown corpus', () => {
  const brown = loadBuiltinForTests('brown5k');

  it('encodes typed text like the corpus and tags each token', async () => {
    // Untrained: what is checked is the plumbing from text to tags, not what was learnt.
    const run = await trained(brown, 'hps', 0);
    const text = brown.text!;
    const encoded = encodeText('The jury said it .', text.vocabulary, text.pipeline, 40);
    expect(encoded.tokens.map((t) => t.text)).toEqual(['The', 'jury', 'said', 'it', '.']);
    expect(encoded.tokens.every((t) => t.known)).toBe(true);
    expect(encoded.ids[0]).toBe(text.vocabulary.indexOf('the'));
    expect(encodeText('Qzxv', text.vocabulary, text.pipeline, 40).tokens[0].known).toBe(false);

    const result = await run.insight.tryInput({ kind: 'text', text: 'The jury said it .' });
    expect(result.tokens).toHaveLength(5);
    const upos = result.heads.find((h) => h.task === 'upos')!;
    const tags = brown.info.tasks.find((t) => t.id === 'upos')!.classes.length;
    expect(upos.values).toHaveLength(5 * tags);

    const embedding = await run.insight.embedding();
    expect(embedding.views.map((v) => v.unit)).toEqual(['example', 'token']);
    const tokens = embedding.views[1];
    expect(Object.keys(tokens.labels)).toEqual(expect.arrayContaining(['upos', 'genre']));
    expect(tokens.text![0]).toMatch(/\[/);
    expect(tokens.labels.upos.every((v) => v >= 0)).toBe(true);
    run.done();
  });
});
