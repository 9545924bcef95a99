import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset } from '../spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../training/config';
import type { RunRecord } from './runRecord';

/** A finished one-task MNIST run with weights, for tests of what reads and writes runs. */
export const SAMPLE_RUN: RunRecord = {
  id: 'run-abc',
  name: 'Run 1',
  createdAt: 1_700_000_000_000,
  durationMs: 5000,
  datasetId: 'mnist',
  datasetName: 'MNIST digits',
  preset: 'hps',
  custom: false,
  strategy: 'static',
  strategies: [{ strategy: 'static', step: 0 }],
  role: { kind: 'manual' },
  hash: 'dataset=mnist&epochs=1',
  spec: buildPreset('hps', MNIST_INPUT, MNIST_TASKS),
  train: DEFAULT_TRAIN_CONFIG,
  tasks: [{ id: 'digit', label: 'Digit', kind: 'classification' }],
  points: [{ step: 1, epoch: 0.1, totalLoss: 2.3, tasks: { digit: { loss: 2.3, metric: 0.1 } } }],
  epochs: [
    {
      epoch: 1,
      split: 'validation',
      tasks: { digit: { loss: 1, metricName: 'accuracy', metric: 0.8 } },
    },
  ],
  steps: 10,
  totalSteps: 10,
  finished: true,
  hasWeights: true,
};
