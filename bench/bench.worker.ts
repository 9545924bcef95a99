/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { MNIST_INPUT, MNIST_TASKS, buildBuiltin } from '../src/core/datasets/catalog';
import { splitIndices } from '../src/core/datasets/split';
import { buildPreset } from '../src/core/spec/presets';
import { BACKEND_ORDER, DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/core/training/config';
import { disposeSplit, tensorSplit } from '../src/engine/data';
import { MultiTaskTrainer } from '../src/engine/trainer';
import { registerBrowserBackends } from '../src/worker/browserBackends';
import { appBlock } from './appBlock';
import { stockLoop } from './stockLoop';
import type { BenchEvent, BenchResult, BenchSkip } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const BATCH = 64;
const ROUNDS = 7;
/** Each timed block lasts about this long, whatever the backend's speed. */
const BLOCK_SECONDS = 1.5;
const WORKLOAD = 'MLP 784-128-64, 2 heads (digit, parity), MNIST';

const post = (e: BenchEvent) => self.postMessage(e);
const say = (text: string) => post({ type: 'log', text });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

self.addEventListener(
  'message',
  async (event: MessageEvent<{ dataUrl: string; backends: string[] }>) => {
    registerBrowserBackends();
    const bytes = new Uint8Array(await (await fetch(event.data.dataUrl)).arrayBuffer());
    const built = buildBuiltin('mnist', bytes);
    if (!built.ok) throw new Error(built.error.message);
    const mnist = built.value;
    const split = splitIndices(mnist.count, DEFAULT_TRAIN_CONFIG.validationFraction, 1);
    const tasks = MNIST_TASKS.filter((t) => t.id === 'digit' || t.id === 'parity');
    const spec = buildPreset('hps', MNIST_INPUT, tasks);
    const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, epochs: 1000 };
    const results: BenchResult[] = [];
    const skipped: BenchSkip[] = [];

    const chosen = event.data.backends.length > 0 ? event.data.backends : BACKEND_ORDER;
    for (const backend of BACKEND_ORDER.filter((b) => chosen.includes(b))) {
      const ok = await Promise.race([
        tf.setBackend(backend).catch(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
      ]);
      if (!ok || tf.getBackend() !== backend) {
        skipped.push({
          workload: WORKLOAD,
          backend,
          reason: 'backend unavailable in this browser',
        });
        say(`${backend}: unavailable`);
        continue;
      }
      const train = tensorSplit(mnist, split.train.slice(0, 4096));
      const val = tensorSplit(mnist, split.validation.slice(0, 256));
      const trainer = new MultiTaskTrainer(spec, config, train, val);
      const stock = stockLoop(spec, train, config);
      try {
        // Warm-up compiles shaders / kernels and lets the JIT settle for both, then sizes the blocks.
        await appBlock(trainer, 3);
        await stock.run(3);
        const rate = await stock.run(5);
        const steps = Math.max(8, Math.round(rate * BLOCK_SECONDS));
        await appBlock(trainer, steps);
        await stock.run(steps);
        const app: number[] = [];
        const bare: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          // Alternate which goes first so drift on a shared machine hits both alike.
          if (r % 2 === 0) {
            app.push(await appBlock(trainer, steps));
            bare.push(await stock.run(steps));
          } else {
            bare.push(await stock.run(steps));
            app.push(await appBlock(trainer, steps));
          }
        }
        const result: BenchResult = {
          workload: WORKLOAD,
          backend,
          batchSize: BATCH,
          stepsPerSec: median(app),
          stockStepsPerSec: median(bare),
          // Each round's pair runs back to back, so its ratio cancels the machine's drift.
          ratio: median(app.map((a, r) => a / bare[r])),
          rounds: ROUNDS,
          stepsPerRound: steps,
          appRounds: app.map((v) => Number(v.toFixed(2))),
          stockRounds: bare.map((v) => Number(v.toFixed(2))),
        };
        results.push(result);
        say(
          `${backend}: app ${result.stepsPerSec.toFixed(1)} steps/s, stock ${result.stockStepsPerSec.toFixed(1)}, ratio ${result.ratio.toFixed(3)} (rounds app ${result.appRounds.join(' ')} | stock ${result.stockRounds.join(' ')})`,
        );
      } catch (e) {
        skipped.push({
          workload: WORKLOAD,
          backend,
          reason: e instanceof Error ? e.message : String(e),
        });
        say(`${backend}: failed: ${String(e)}`);
      } finally {
        trainer.dispose();
        stock.dispose();
        disposeSplit(train);
        disposeSplit(val);
      }
    }
    post({ type: 'done', results, skipped });
  },
);
