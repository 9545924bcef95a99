import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import type { TaskInfo } from '../tasks';
import { analyzeSpec } from './analyze';
import { buildPreset, PRESETS } from './presets';
import { MODEL_SPEC_VERSION, type HeadSpec, type ModelSpec } from './types';

const image = MNIST_INPUT;
const tokens = { kind: 'tokens', vocabSize: 1000, maxLength: 20 } as const;
const classify = (task: string, units: number, extra: Partial<HeadSpec> = {}): HeadSpec => ({
  task,
  kind: 'classification',
  units,
  layers: [],
  loss: { type: 'crossEntropy' },
  weight: 1,
  temperature: 1,
  ...extra,
});
const spec = (parts: Partial<ModelSpec>): ModelSpec => ({
  version: MODEL_SPEC_VERSION,
  experts: [],
  input: image,
  trunk: [],
  heads: [classify('digit', 10)],
  ...parts,
});
const messages = (s: ModelSpec, tasks?: readonly TaskInfo[]) =>
  analyzeSpec(s, tasks).issues.map((i) => `${i.node}: ${i.message}`);

describe('analyzeSpec: presets', () => {
  for (const { id: preset } of PRESETS) {
    it(`${preset} is valid for MNIST`, () => {
      expect(messages(buildPreset(preset, image, MNIST_TASKS), MNIST_TASKS)).toEqual([]);
    });
  }

  it('counts the parameters of hard sharing by hand', () => {
    const analysis = analyzeSpec(buildPreset('hps', image, MNIST_TASKS), MNIST_TASKS);
    const trunk = 784 * 128 + 128 + (128 * 64 + 64);
    const heads = 64 * 10 + 10 + 2 * (64 * 2 + 2);
    expect(analysis.totalParams).toBe(trunk + heads);
    expect(analysis.shapes['trunk.0']).toEqual([784]);
    expect(analysis.shapes['head.digit']).toEqual([10]);
  });

  it('counts experts once per expert and a gate per task', () => {
    const analysis = analyzeSpec(buildPreset('mmoe', image, MNIST_TASKS), MNIST_TASKS);
    const experts = 4 * (784 * 64 + 64);
    const gates = 3 * (784 * 4 + 4);
    const towers = 3 * (64 * 32 + 32);
    const outputs = 32 * 10 + 10 + 2 * (32 * 2 + 2);
    expect(analysis.totalParams).toBe(experts + gates + towers + outputs);
  });

  it('infers conv, pooling and recurrent shapes', () => {
    const a = analyzeSpec(
      spec({
        trunk: [
          {
            type: 'conv2d',
            filters: 8,
            kernelSize: 3,
            strides: 1,
            padding: 'valid',
            activation: 'relu',
          },
          { type: 'maxPool2d', poolSize: 2, strides: 2 },
          {
            type: 'conv2d',
            filters: 16,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'relu',
          },
          { type: 'globalPool', mode: 'average' },
        ],
      }),
    );
    expect(a.issues).toEqual([]);
    expect(a.shapes['trunk.0']).toEqual([26, 26, 8]); // 28 − 3 + 1
    expect(a.shapes['trunk.1']).toEqual([13, 13, 8]); // ⌊(26 − 2) / 2⌋ + 1
    expect(a.shapes['trunk.2']).toEqual([7, 7, 16]); // ⌈13 / 2⌉
    expect(a.params['trunk.0']).toBe(3 * 3 * 1 * 8 + 8);

    const t = analyzeSpec(
      spec({
        input: tokens,
        trunk: [
          { type: 'embedding', outputDim: 16 },
          { type: 'gru', units: 8, bidirectional: true, returnSequences: true },
        ],
        heads: [{ ...classify('tags', 5), kind: 'sequenceLabeling' }],
      }),
    );
    expect(t.issues).toEqual([]);
    expect(t.shapes['trunk.1']).toEqual([20, 16]);
    expect(t.params['trunk.0']).toBe(1000 * 16);
    expect(t.params['trunk.1']).toBe(2 * 3 * (8 * (16 + 8) + 8));
    expect(t.shapes['head.tags']).toEqual([20, 5]);
  });
});

describe('analyzeSpec: problems, each named on its node', () => {
  it('a conv layer after flatten', () => {
    expect(
      messages(
        spec({
          trunk: [
            { type: 'flatten' },
            {
              type: 'conv2d',
              filters: 4,
              kernelSize: 3,
              strides: 1,
              padding: 'same',
              activation: 'relu',
            },
          ],
        }),
      ),
    ).toEqual(['trunk.1: Conv2D needs an image-shaped input [height×width×channels], got [784].']);
  });

  it('a kernel larger than the image', () => {
    expect(
      messages(
        spec({
          trunk: [
            {
              type: 'conv2d',
              filters: 4,
              kernelSize: 15,
              strides: 8,
              padding: 'valid',
              activation: 'relu',
            },
            {
              type: 'conv2d',
              filters: 4,
              kernelSize: 5,
              strides: 1,
              padding: 'valid',
              activation: 'relu',
            },
          ],
        }),
      ),
    ).toEqual(['trunk.1: Kernel 5 is larger than the 2×2 input.']);
  });

  it('token ids without an embedding, and an embedding on an image', () => {
    expect(
      messages(spec({ input: tokens, trunk: [{ type: 'dense', units: 4, activation: 'relu' }] })),
    ).toEqual(['trunk.0: Token ids must go through an Embedding layer first.']);
    expect(messages(spec({ trunk: [{ type: 'embedding', outputDim: 4 }] }))).toEqual([
      'trunk.0: Embedding reads token ids: put it first, on a token input.',
    ]);
  });

  it('a classification head on an unflattened image', () => {
    expect(messages(spec({}))).toEqual([
      'head.digit: This head needs a flat input; it gets [28×28×1]. Add Flatten or Global pooling.',
    ]);
  });

  it('heads that do not match the dataset', () => {
    const trunk = [{ type: 'flatten' } as const];
    expect(messages(spec({ trunk, heads: [classify('digit', 7)] }), MNIST_TASKS)).toEqual([
      'head.digit: Task "Digit" has 10 classes; the head outputs 7.',
    ]);
    expect(messages(spec({ trunk, heads: [classify('colour', 3)] }), MNIST_TASKS)).toEqual([
      'head.colour: The dataset has no task "colour".',
    ]);
    expect(
      messages(spec({ trunk, heads: [classify('digit', 10), classify('digit', 10)] }), MNIST_TASKS),
    ).toEqual(['head.digit: Two heads predict the task "digit".']);
    expect(messages(spec({ trunk, heads: [] }))).toEqual(['input: Add at least one task head.']);
  });

  it('bad weights, temperatures and losses', () => {
    const trunk = [{ type: 'flatten' } as const];
    expect(
      messages(
        spec({
          trunk,
          heads: [classify('digit', 10, { weight: -1, temperature: 0, loss: { type: 'mse' } })],
        }),
      ),
    ).toEqual([
      'head.digit: Loss weight must be a number ≥ 0.',
      'head.digit: Temperature must be above 0.',
      'head.digit: Loss mse does not fit a classification head.',
    ]);
  });

  const dense8 = { type: 'dense', units: 8, activation: 'relu' } as const;
  const gated = (task: string, groups: string[], temperature = 1) =>
    classify(task, task === 'digit' ? 10 : 2, { gate: { groups, temperature } });

  it('experts on a trunk that is not flat, and a gate with one expert to choose from', () => {
    expect(
      messages(
        spec({
          experts: [{ id: 'shared', count: 1, layers: [dense8] }],
          heads: [gated('digit', ['shared'])],
        }),
      ),
    ).toEqual([
      'experts.shared: Experts need a vector or a sequence of vectors; the shared layers give [28×28×1]. Add Flatten, Embedding or Global pooling before them.',
    ]);
    expect(
      messages(
        spec({
          trunk: [{ type: 'flatten' }],
          experts: [{ id: 'shared', count: 1, layers: [dense8] }],
          heads: [gated('digit', ['shared'])],
        }),
      ),
    ).toEqual(['gate.digit: A gate needs at least 2 experts to choose between.']);
  });

  it('gates: missing, unknown group, mismatched experts, bad temperature, unused experts', () => {
    const trunk = [{ type: 'flatten' } as const];
    const experts = [
      { id: 'shared', count: 2, layers: [dense8] },
      { id: 'wide', count: 2, layers: [{ ...dense8, units: 16 }] },
      { id: 'idle', count: 2, layers: [dense8] },
    ];
    expect(
      messages(
        spec({
          trunk,
          experts,
          heads: [
            classify('digit', 10),
            gated('parity', ['shared', 'wide']),
            gated('big', ['nowhere']),
            gated('odd', ['shared'], 0),
          ],
        }),
      ),
    ).toEqual([
      'experts.idle: No gate reads these experts: connect them to a gate.',
      'head.digit: With experts in the model, every head reads them through its own gate.',
      'gate.parity: The experts this gate mixes must give one shape; they give [8] and [16].',
      'gate.big: There is no expert group "nowhere".',
      'gate.odd: Gate temperature must be above 0.',
    ]);
    expect(messages(spec({ trunk, heads: [gated('digit', ['shared'])] }))).toEqual([
      'gate.digit: This gate has no experts to mix.',
    ]);
  });

  it('counts CGC parameters by hand: shared and own experts, gates over the experts each reads', () => {
    const s = buildPreset('cgc', image, MNIST_TASKS);
    const analysis = analyzeSpec(s, MNIST_TASKS);
    expect(analysis.issues).toEqual([]);
    const expert = 784 * 64 + 64;
    // 2 shared + 1 own expert per task; each gate: 784 inputs → 3 logits.
    expect(analysis.params['experts.shared.0']).toBe(2 * expert);
    expect(analysis.params['experts.digit_own.0']).toBe(expert);
    expect(analysis.params['gate.digit']).toBe(784 * 3 + 3);
    expect(analysis.shapes['gate.parity']).toEqual([64]);
  });

  it('an autoencoder head rebuilds the input whatever the dataset tasks', () => {
    const s = buildPreset('autoencoder', image, MNIST_TASKS);
    const analysis = analyzeSpec(s, MNIST_TASKS);
    expect(analysis.issues).toEqual([]);
    expect(analysis.shapes['head.reconstruction']).toEqual([28, 28, 1]);
    expect(analysis.params['head.reconstruction']).toBe(64 * 784 + 784);
  });

  it('sequence labeling on an image and a tagger without per-token vectors', () => {
    const tagger: HeadSpec = { ...classify('tags', 5), kind: 'sequenceLabeling' };
    expect(messages(spec({ trunk: [{ type: 'flatten' }], heads: [tagger] }))).toEqual([
      'head.tags: Sequence labeling needs a token input.',
    ]);
    expect(
      messages(
        spec({
          input: tokens,
          trunk: [
            { type: 'embedding', outputDim: 8 },
            { type: 'globalPool', mode: 'max' },
          ],
          heads: [tagger],
        }),
      ),
    ).toEqual(['head.tags: A tagger needs one vector per token [20×features]; it gets [8].']);
  });
});
