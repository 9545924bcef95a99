/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { MNIST_INPUT, MNIST_TASKS, buildBuiltin } from '../src/core/datasets/catalog';
import type { EncodedDataset } from '../src/core/datasets/encoded';
import { splitIndices } from '../src/core/datasets/split';
import { buildPreset } from '../src/core/spec/presets';
import { multiLeNet } from '../src/core/spec/reference';
import type { ModelSpec } from '../src/core/spec/types';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/core/training/config';
import { deltaM } from '../src/core/weighting/compare';
import { DEFAULT_WEIGHTING, type StrategyId } from '../src/core/weighting/strategies';
import { browserSoftwareRenderer, selectBackend } from '../src/engine/backends';
import { probeTrainingStep } from '../src/engine/probe';
import { disposeSplit, tensorSplit, type TensorSplit } from '../src/engine/data';
import { MultiTaskTrainer } from '../src/engine/trainer';
import { registerBrowserBackends } from '../src/worker/browserBackends';
import { appBlock } from './appBlock';
import type { ReferenceRow, StrategyCost, WeightingBenchEvent } from './weightingProtocol';

declare const self: DedicatedWorkerGlobalScope;

const BATCH = 64;
const ROUNDS = 3;
const BLOCK_SECONDS = 1.5;
const post = (e: WeightingBenchEvent) => self.postMessage(e);
const say = (text: string) => post({ type: 'log', text });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Each strategy's steps/s against static weights on the same model, rounds back to back. */
async function strategyCosts(
  workload: string,
  spec: ModelSpec,
  train: TensorSplit,
  strategies: StrategyId[],
): Promise<StrategyCost[]> {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, epochs: 1000 };
  const make = (strategy: StrategyId) =>
    new MultiTaskTrainer(spec, config, train, train, { ...DEFAULT_WEIGHTING, strategy });
  const base = make('static');
  const costs: StrategyCost[] = [];
  try {
    await appBlock(base, 3);
    const steps = Math.max(8, Math.round((await appBlock(base, 8)) * BLOCK_SECONDS));
    for (const strategy of strategies) {
      const trainer = make(strategy);
      try {
        await appBlock(trainer, 3);
        const mine: number[] = [];
        const theirs: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          if (r % 2 === 0) {
            mine.push(await appBlock(trainer, steps));
            theirs.push(await appBlock(base, steps));
          } else {
            theirs.push(await appBlock(base, steps));
            mine.push(await appBlock(trainer, steps));
          }
        }
        const cost: StrategyCost = {
          workload,
          backend: tf.getBackend(),
          strategy,
          costRatio: median(mine.map((m, i) => m / theirs[i])),
          stepsPerSec: median(mine),
          staticStepsPerSec: median(theirs),
        };
        costs.push(cost);
        say(
          `${workload} · ${strategy}: ${cost.stepsPerSec.toFixed(1)} vs static ${cost.staticStepsPerSec.toFixed(1)} steps/s, ratio ${cost.costRatio.toFixed(2)}`,
        );
      } finally {
        trainer.dispose();
      }
    }
  } finally {
    base.dispose();
  }
  return costs;
}

const PAPER: Partial<Record<StrategyId | 'single', [number, number]>> = {
  single: [97.23, 95.9],
  equal: [96.46, 94.99],
  uncertainty: [96.47, 95.29],
  gradnorm: [96.27, 94.84],
  mgda: [97.26, 95.9],
};

/** The MultiMNIST table of Sener & Koltun (2018), on this app's smaller MultiMNIST. */
async function reference(multi: EncodedDataset, epochs: number) {
  const split = splitIndices(multi.count, DEFAULT_TRAIN_CONFIG.validationFraction, 1);
  const train = tensorSplit(multi, split.train);
  const validation = tensorSplit(multi, split.validation);
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, epochs, seed: 1 };
  const setup = `MultiMNIST (${train.count} train / ${validation.count} validation images, 28×28), MultiLeNet, Adam lr ${config.learningRate}, batch ${BATCH}, ${epochs} epochs, seed 1, backend ${tf.getBackend()}`;
  say(setup);
  const fit = async (tasks: string[], strategy: StrategyId) => {
    const start = performance.now();
    const trainer = new MultiTaskTrainer(multiLeNet(tasks), config, train, validation, {
      ...DEFAULT_WEIGHTING,
      strategy,
    });
    try {
      while (!trainer.done) {
        await appBlock(trainer, Math.min(trainer.stepsPerEpoch, trainer.totalSteps - trainer.step));
      }
      const values = await trainer.evaluate();
      return {
        accuracy: Object.fromEntries(Object.entries(values).map(([t, v]) => [t, v.metric])),
        seconds: (performance.now() - start) / 1000,
      };
    } finally {
      trainer.dispose();
    }
  };
  try {
    const left = await fit(['left'], 'static');
    const right = await fit(['right'], 'static');
    const rows: ReferenceRow[] = [
      {
        label: 'Single-task (each digit alone)',
        strategy: 'single',
        left: left.accuracy.left,
        right: right.accuracy.right,
        deltaM: NaN,
        seconds: left.seconds + right.seconds,
        paper: PAPER.single ?? null,
      },
    ];
    say(
      `single-task: left ${left.accuracy.left.toFixed(4)}, right ${right.accuracy.right.toFixed(4)}`,
    );
    const labels: [StrategyId, string][] = [
      ['equal', 'Uniform (Equal)'],
      ['uncertainty', 'Kendall et al. (uncertainty)'],
      ['gradnorm', 'GradNorm'],
      ['mgda', 'MGDA-UB'],
    ];
    for (const [strategy, label] of labels) {
      const run = await fit(['left', 'right'], strategy);
      const dm = deltaM([
        {
          task: 'left',
          metric: run.accuracy.left,
          baseline: left.accuracy.left,
          lowerIsBetter: false,
        },
        {
          task: 'right',
          metric: run.accuracy.right,
          baseline: right.accuracy.right,
          lowerIsBetter: false,
        },
      ]);
      rows.push({
        label,
        strategy,
        left: run.accuracy.left,
        right: run.accuracy.right,
        deltaM: dm,
        seconds: run.seconds,
        paper: PAPER[strategy] ?? null,
      });
      say(
        `${label}: left ${run.accuracy.left.toFixed(4)}, right ${run.accuracy.right.toFixed(4)}, Δm ${(dm * 100).toFixed(2)} %`,
      );
    }
    return { setup, rows };
  } finally {
    disposeSplit(train);
    disposeSplit(validation);
  }
}

self.addEventListener(
  'message',
  async (event: MessageEvent<{ dataUrl: string; epochs: number }>) => {
    registerBrowserBackends();
    const bytes = new Uint8Array(await (await fetch(event.data.dataUrl)).arrayBuffer());
    const mnist = buildBuiltin('mnist', bytes);
    const multi = buildBuiltin('multimnist', bytes);
    if (!mnist.ok || !multi.ok) throw new Error('could not build the datasets');
    // The backend the app would choose here for the CNN.
    const selection = await selectBackend('auto', {
      probeStep: () => probeTrainingStep(multiLeNet()),
      softwareRenderer: browserSoftwareRenderer,
      initTimeoutMs: 10_000,
      stepTimeoutMs: 30_000,
    });
    say(`backend: ${selection.backend}`);

    const strategies: StrategyId[] = [
      'uncertainty',
      'gls',
      'gradnorm',
      'pcgrad',
      'mgda',
      'cagrad',
      'nash',
    ];
    const mlpSplit = splitIndices(mnist.value.count, 0.2, 1);
    const mlpTrain = tensorSplit(mnist.value, mlpSplit.train.slice(0, 4096));
    const tasks = MNIST_TASKS.filter((t) => t.id === 'digit' || t.id === 'parity');
    const costs = await strategyCosts(
      'MLP 784-128-64, 2 heads, MNIST',
      buildPreset('hps', MNIST_INPUT, tasks),
      mlpTrain,
      strategies,
    );
    disposeSplit(mlpTrain);
    const cnnTrain = tensorSplit(
      multi.value,
      Int32Array.from({ length: 2048 }, (_, i) => i),
    );
    costs.push(
      ...(await strategyCosts(
        'MultiLeNet, 2 heads, MultiMNIST',
        multiLeNet(),
        cnnTrain,
        strategies,
      )),
    );
    disposeSplit(cnnTrain);
    const ref = await reference(multi.value, event.data.epochs);
    post({ type: 'done', backend: tf.getBackend(), costs, reference: ref });
  },
);
