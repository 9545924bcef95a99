import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset } from '../spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../training/config';
import { ensembleMisfit } from './ensembleFit';

const run = (name: string, change: Partial<Parameters<typeof ensembleMisfit>[0]> = {}) => ({
  name,
  datasetId: 'mnist',
  spec: buildPreset('hps', MNIST_INPUT, MNIST_TASKS),
  train: { ...DEFAULT_TRAIN_CONFIG },
  hasWeights: true,
  ...change,
});

describe('ensembleMisfit', () => {
  const base = run('Run 1');

  it('accepts runs that differ in seed, model and weighting but share dataset, tasks and split', () => {
    expect(ensembleMisfit(base, null, 'mnist')).toBeNull();
    expect(
      ensembleMisfit(run('Run 2', { train: { ...DEFAULT_TRAIN_CONFIG, seed: 7 } }), base, 'mnist'),
    ).toBeNull();
    // The autoencoder's extra head does not vote: an autoencoder model fits too.
    expect(
      ensembleMisfit(
        run('Run 3', { spec: buildPreset('autoencoder', MNIST_INPUT, MNIST_TASKS) }),
        base,
        'mnist',
      ),
    ).toBeNull();
  });

  it('says why a run cannot join', () => {
    expect(ensembleMisfit(run('Run 2', { hasWeights: false }), base, 'mnist')).toMatch(
      /no saved model/,
    );
    expect(ensembleMisfit(run('Run 2', { datasetId: 'fashion' }), base, 'mnist')).toMatch(
      /another dataset/,
    );
    expect(
      ensembleMisfit(
        run('Run 2', { spec: buildPreset('hps', MNIST_INPUT, MNIST_TASKS.slice(0, 1)) }),
        base,
        'mnist',
      ),
    ).toMatch(/other tasks than Run 1/);
    expect(
      ensembleMisfit(
        run('Run 2', { train: { ...DEFAULT_TRAIN_CONFIG, validationFraction: 0.3 } }),
        base,
        'mnist',
      ),
    ).toMatch(/validation\/test shares/);
  });
});
