import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset } from '../spec/presets';
import { defaultSetup, type Setup } from '../urlState';
import { openLink, shareHash } from './shareLink';
import { encodeWeights, quantisationError } from './weightsCodec';

const trainedSetup = (): Setup => ({
  ...defaultSetup('mnist'),
  preset: 'mmoe',
  model: buildPreset('cgc', MNIST_INPUT, MNIST_TASKS),
  weights: { digit: 2, parity: 0.5, high: 1 },
  temperatures: { digit: 1.5, parity: 1, high: 1 },
  gateTemperatures: { digit: 2, parity: 1, high: 0.5 },
  train: { ...defaultSetup().train, epochs: 4, learningRate: 0.003, seed: 9 },
  weighting: { strategy: 'gradnorm', gradNormAlpha: 0.8, cagradC: 0.5 },
});

const weights = {
  step: 120,
  tensors: [
    { shape: [4, 3], values: Float32Array.from({ length: 12 }, (_, i) => Math.cos(i) / 3) },
    { shape: [3], values: Float32Array.from([0.1, -0.2, 0.3]) },
  ],
};

describe('share links', () => {
  it('carry the setup and the quantised weights, and read back within quantisation error', () => {
    const setup = trainedSetup();
    const hash = shareHash(setup, encodeWeights(weights, 'uint8'));
    const opened = openLink(hash);
    expect(opened.kind).toBe('trained');
    if (opened.kind !== 'trained') return;
    expect(opened.setup).toEqual({ ...setup, autotrain: false });
    expect(opened.weights.step).toBe(120);
    opened.weights.tensors.forEach((t, i) => {
      expect(t.shape).toEqual(weights.tensors[i].shape);
      const bound = quantisationError(weights.tensors[i].values) * 1.0001 + 1e-7;
      t.values.forEach((v, j) =>
        expect(Math.abs(v - weights.tensors[i].values[j])).toBeLessThanOrEqual(bound),
      );
    });
  });

  it('without weights are plain settings links', () => {
    const opened = openLink(shareHash(trainedSetup(), null));
    expect(opened).toMatchObject({ kind: 'settings', notices: [] });
  });

  it('refuse a trained link whole when any part of it is wrong', () => {
    const good = shareHash(trainedSetup(), encodeWeights(weights, 'uint8'));
    const cut = good.slice(0, good.length - 12);
    expect(openLink(cut)).toMatchObject({ kind: 'damaged' });
    expect(openLink(good.replace('lr=0.003', 'lr=banana'))).toMatchObject({
      kind: 'damaged',
      message: expect.stringMatching(/lr=banana/),
    });
    expect(openLink(good.replace('weights=', 'weights=%%'))).toMatchObject({
      kind: 'damaged',
      message: expect.stringMatching(/base64url/),
    });
  });

  it('never throw on mutated or random links', () => {
    const good = shareHash(trainedSetup(), encodeWeights(weights, 'uint8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: good.length - 1 }),
        fc.string({ maxLength: 4 }),
        (at, insert) => {
          const opened = openLink(good.slice(0, at) + insert + good.slice(at + 1));
          if (opened.kind === 'damaged') expect(opened.message.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => openLink(text)).not.toThrow();
      }),
    );
  });

  it('open hosted bundles from https only', () => {
    expect(openLink('#bundle=https://example.org/a.zip')).toEqual({
      kind: 'bundle',
      url: 'https://example.org/a.zip',
    });
    for (const url of [
      'http://example.org/a.zip',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:,x',
    ]) {
      expect(openLink(`#bundle=${encodeURIComponent(url)}`)).toMatchObject({
        kind: 'damaged',
        message: expect.stringMatching(/https:\/\/ addresses only/),
      });
    }
    expect(openLink(`#bundle=https://x.org/${'a'.repeat(3000)}`)).toMatchObject({
      kind: 'damaged',
    });
  });
});
