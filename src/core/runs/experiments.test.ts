import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { analyzeSpec } from '../spec/analyze';
import { buildPreset } from '../spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../training/config';
import type { EpochRecord } from '../training/history';
import {
  baselineTasks,
  multiTaskGain,
  paretoData,
  singleTaskSpec,
  sweepSpecs,
} from './experiments';
import type { RunRecord } from './runRecord';

const tasks = [
  { id: 'digit', label: 'Digit', kind: 'classification' as const },
  { id: 'parity', label: 'Parity', kind: 'classification' as const },
];

function run(id: string, metrics: Record<string, number>, extra: Partial<RunRecord> = {}) {
  const record: EpochRecord = {
    epoch: 1,
    split: 'validation',
    tasks: Object.fromEntries(
      Object.entries(metrics).map(([t, m]) => [t, { loss: 1, metricName: 'accuracy', metric: m }]),
    ),
  };
  return {
    id,
    name: id,
    datasetId: 'mnist',
    train: { ...DEFAULT_TRAIN_CONFIG },
    finished: true,
    epochs: [record],
    createdAt: 1,
    tasks: tasks.filter((t) => t.id in metrics),
    role: { kind: 'manual' as const },
    ...extra,
  };
}

describe('single-task baselines', () => {
  it('keeps the same encoder and only the task’s head, for every preset', () => {
    for (const preset of ['hps', 'mmoe', 'cgc'] as const) {
      const spec = buildPreset(preset, MNIST_INPUT, MNIST_TASKS);
      const alone = singleTaskSpec(spec, 'parity');
      expect(alone.heads.map((h) => h.task)).toEqual(['parity']);
      expect(alone.trunk).toEqual(spec.trunk);
      expect(analyzeSpec(alone, MNIST_TASKS).issues).toEqual([]);
      if (preset === 'cgc')
        expect(alone.experts.map((e) => e.id)).toEqual(['shared', 'parity_own']);
    }
  });

  it('skips the reconstruction head', () => {
    const spec = buildPreset('autoencoder', MNIST_INPUT, MNIST_TASKS);
    expect(baselineTasks(spec)).toEqual(['digit', 'parity', 'high']);
  });

  it('reports each task against its latest baseline and Δm', () => {
    const mtl = run('mtl', { digit: 0.9, parity: 0.99 }, { createdAt: 10 });
    const runs = [
      mtl,
      run('old digit', { digit: 0.5 }, { role: { kind: 'baseline', task: 'digit' }, createdAt: 2 }),
      run('digit', { digit: 0.8 }, { role: { kind: 'baseline', task: 'digit' }, createdAt: 5 }),
      run('parity', { parity: 0.9 }, { role: { kind: 'baseline', task: 'parity' }, createdAt: 5 }),
    ];
    const gain = multiTaskGain(mtl, runs);
    expect(gain.missing).toEqual([]);
    expect(gain.tasks.map((t) => [t.task, t.baselineRun])).toEqual([
      ['digit', 'digit'],
      ['parity', 'parity'],
    ]);
    // (0.9 − 0.8)/0.8 = 12.5 %, (0.99 − 0.9)/0.9 = 10 %.
    expect(gain.deltaM).toBeCloseTo((0.125 + 0.1) / 2);
  });

  it('prefers a baseline trained with the same settings, and says when none was', () => {
    const mtl = run('mtl', { digit: 0.9 });
    const other = run(
      'other',
      { digit: 0.6 },
      {
        role: { kind: 'baseline', task: 'digit' },
        createdAt: 9,
        train: { ...DEFAULT_TRAIN_CONFIG, epochs: 9 },
      },
    );
    const same = run('same', { digit: 0.75 }, { role: { kind: 'baseline', task: 'digit' } });
    expect(multiTaskGain(mtl, [mtl, other, same]).tasks[0].baselineRun).toBe('same');
    const fallback = multiTaskGain(mtl, [mtl, other]).tasks[0];
    expect(fallback.baselineRun).toBe('other');
    expect(fallback.differentBudget).toBe(true);
  });

  it('lists tasks without a baseline and gives NaN without any', () => {
    const mtl = run('mtl', { digit: 0.9, parity: 0.9 });
    const gain = multiTaskGain(mtl, [mtl]);
    expect(gain.missing).toEqual(['digit', 'parity']);
    expect(gain.deltaM).toBeNaN();
  });
});

describe('sweeps and the Pareto view', () => {
  it('sweeps two tasks’ weights and leaves the others', () => {
    const spec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
    const specs = sweepSpecs(spec, ['digit', 'parity'], 7);
    expect(specs).toHaveLength(7);
    expect(specs[0].spec.heads.map((h) => h.weight)).toEqual([0.1, 1.9, 1]);
    expect(specs[3].weights).toEqual([1, 1]);
    expect(spec.heads[0].weight).toBe(1);
  });

  it('places runs with both tasks and marks the non-dominated ones', () => {
    const runs = [
      run('a', { digit: 0.9, parity: 0.8 }),
      run('b', { digit: 0.8, parity: 0.9 }),
      run('c', { digit: 0.7, parity: 0.7 }),
      run('d', { digit: 0.95 }),
      run('e', { digit: 0.99, parity: 0.99 }, { datasetId: 'fashion' }),
    ];
    const data = paretoData(runs, 'mnist', [tasks[0], tasks[1]]);
    expect(data.points.map((p) => [p.id, p.onFront])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    expect(data.front.map((p) => p.id)).toEqual(['b', 'a']);
  });
});
