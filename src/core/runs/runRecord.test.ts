import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset } from '../spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../training/config';
import { describeSettings, finalValidation, nextRunName } from './runRecord';

describe('run records', () => {
  it('the final validation metric is the last epoch’s, per task', () => {
    const v = (epoch: number, digit: number) => ({
      epoch,
      split: 'validation' as const,
      tasks: { digit: { loss: 1, metricName: 'accuracy', metric: digit } },
    });
    const train = { ...v(2, 0.99), split: 'train' as const };
    expect(finalValidation({ epochs: [v(1, 0.8), v(2, 0.9), train] })).toEqual({ digit: 0.9 });
    expect(finalValidation({ epochs: [] })).toEqual({});
  });

  it('describes the settings that tell runs apart', () => {
    const spec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
    spec.heads[1].weight = 0.5;
    const train = { ...DEFAULT_TRAIN_CONFIG, epochs: 1 };
    expect(describeSettings({ spec, train, strategy: 'static' })).toBe(
      'adam lr 0.001 · batch 64 · 1 epoch · seed 1 · w digit 1, parity 0.5, high 1',
    );
    expect(describeSettings({ spec, train, strategy: 'mgda' })).toBe(
      'adam lr 0.001 · batch 64 · 1 epoch · seed 1 · MGDA-UB',
    );
    // A record from another version may name a strategy this one does not know.
    expect(describeSettings({ spec, train, strategy: 'future' as never })).toContain('· future');
  });

  it('names runs with the first free number', () => {
    expect(nextRunName([])).toBe('Run 1');
    expect(nextRunName([{ name: 'Run 2' }, { name: 'baseline' }])).toBe('Run 3');
    expect(nextRunName([{ name: 'Run 2' }])).toBe('Run 3');
  });
});
