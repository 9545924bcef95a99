import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { forwardFlops } from './flops';
import { buildPreset } from './presets';
import { referenceCnn } from './reference';
import { MODEL_SPEC_VERSION, type ModelSpec } from './types';

const [digit, parity] = MNIST_TASKS;

describe('FLOP counts', () => {
  it('an MLP: two products per weight of every dense layer', () => {
    const spec = buildPreset('hps', MNIST_INPUT, [digit, parity]);
    // 784→128→64, then heads 64→10 and 64→2.
    expect(forwardFlops(spec)).toBe(2 * (784 * 128 + 128 * 64 + 64 * 10 + 64 * 2));
  });

  it('a CNN: output positions × kernel taps × input channels × filters', () => {
    const spec = referenceCnn(MNIST_INPUT, [digit, parity]);
    expect(forwardFlops(spec)).toBe(
      2 * (28 * 28 * 8 * 9 * 1 + 14 * 14 * 16 * 9 * 8 + 7 * 7 * 16 * 64 + 64 * 10 + 64 * 2),
    );
  });

  it('a BiGRU: three gates per step and direction, over inputs and the state', () => {
    const spec: ModelSpec = {
      version: MODEL_SPEC_VERSION,
      input: { kind: 'tokens', vocabSize: 2000, maxLength: 32 },
      experts: [],
      trunk: [
        { type: 'embedding', outputDim: 32 },
        { type: 'gru', units: 32, bidirectional: true, returnSequences: true },
      ],
      heads: [
        {
          task: 'tag',
          kind: 'sequenceLabeling',
          units: 3,
          layers: [],
          loss: { type: 'crossEntropy' },
          weight: 1,
          temperature: 1,
        },
      ],
    };
    // Embedding lookups count as nothing; each of 32 tokens gets a 64 → 3 output layer.
    expect(forwardFlops(spec)).toBe(2 * 32 * 3 * 2 * (32 + 32) * 32 + 32 * 2 * 64 * 3);
  });
});
