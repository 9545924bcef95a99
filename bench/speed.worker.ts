/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { buildBuiltin } from '../src/core/datasets/catalog';
import { accuracy } from '../src/core/metrics';
import { splitIndices } from '../src/core/datasets/split';
import { forwardFlops } from '../src/core/spec/flops';
import { BACKEND_ORDER, DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/core/training/config';
import { browserSoftwareRenderer, selectBackend } from '../src/engine/backends';
import { disposeSplit, tensorSplit, type TensorSplit } from '../src/engine/data';
import { probeTrainingStep } from '../src/engine/probe';
import { MultiTaskTrainer } from '../src/engine/trainer';
import { registerBrowserBackends } from '../src/worker/browserBackends';
import { appBlock } from './appBlock';
import { stockLoop } from './stockLoop';
import type { ModelSpec } from '../src/core/spec/types';
import type { SpeedEvent, SpeedRequest } from './speedProtocol';
import { WORKLOADS } from './speedWorkloads';

declare const self: DedicatedWorkerGlobalScope;

const BATCH = 64;
/** Timed steps in a stock backend's trial, after one warm-up step. */
const TRIAL_STEPS = 3;
/** A stock backend whose first step (shaders compiled) or next three take longer is far from the best here. */
const TRIAL_TIMEOUT_MS = 30_000;
/** Validation examples both sides are scored on. */
const VALIDATION_SIZE = 1000;

const post = (e: SpeedEvent) => self.postMessage(e);
const say = (text: string) => post({ type: 'log', text });

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`over ${ms / 1000} s`)), ms),
    ),
  ]);

let train: TensorSplit | null = null;
let validation: TensorSplit | null = null;
let block: ((steps: number) => Promise<number>) | null = null;
let evaluate: (() => Promise<Record<string, number>>) | null = null;
let stepsDone = 0;
let release: () => void = () => {};

async function prepare(request: Extract<SpeedRequest, { type: 'prepare' }>): Promise<void> {
  const started = performance.now();
  const workload = WORKLOADS.find((w) => w.id === request.workload)!;
  if (request.mode === 'app') registerBrowserBackends();
  else {
    // TF.js as shipped: its own kernels only.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    });
  }
  const bytes = new Uint8Array(await (await fetch(request.dataUrl)).arrayBuffer());
  const built = buildBuiltin(workload.dataset, bytes);
  if (!built.ok) throw new Error(built.error.message);
  const dataset = built.value;
  const spec = workload.spec(dataset.info);
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, epochs: 1000 };
  const split = splitIndices(dataset.count, { validation: 0.1, test: 0 }, 1);
  // The same held-out examples for both sides (made once the backend is chosen).
  const heldOut = () => tensorSplit(dataset, split.validation.slice(0, VALIDATION_SIZE));
  const tried: Record<string, number | string> = {};
  let backend: string | null = null;

  if (request.mode === 'app') {
    const selection = await selectBackend('auto', {
      probeStep: () => probeTrainingStep(spec),
      softwareRenderer: browserSoftwareRenderer,
      initTimeoutMs: 10_000,
      stepTimeoutMs: 30_000,
    });
    for (const p of selection.probes) tried[p.backend] = p.stepMs ?? `${p.outcome}: ${p.reason}`;
    backend = selection.backend;
    train = tensorSplit(dataset, split.train);
    validation = heldOut();
    const trainer = new MultiTaskTrainer(spec, config, train, validation);
    block = (steps) => appBlock(trainer, steps);
    evaluate = async () =>
      Object.fromEntries(
        Object.entries(await trainer.evaluate()).map(([task, v]) => [task, v.metric]),
      );
    release = () => trainer.dispose();
  } else {
    // Every backend gets a short trial; the fastest that trains is the one measured.
    let best = 0;
    for (const name of BACKEND_ORDER.filter(
      (b) => !request.backends || request.backends.includes(b),
    )) {
      try {
        const ok = await withTimeout(tf.setBackend(name), 15_000);
        if (!ok || tf.getBackend() !== name) throw new Error('unavailable in this browser');
        const trialSplit = tensorSplit(dataset, split.train.slice(0, 1024));
        const trial = stockLoop(spec, trialSplit, config);
        try {
          await withTimeout(trial.run(1), TRIAL_TIMEOUT_MS);
          const rate = await withTimeout(trial.run(TRIAL_STEPS), TRIAL_TIMEOUT_MS);
          tried[name] = rate;
          if (rate > best) {
            best = rate;
            backend = name;
          }
        } finally {
          trial.dispose();
          disposeSplit(trialSplit);
        }
      } catch (e) {
        tried[name] = `failed: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`;
      }
      say(
        `  stock ${name}: ${typeof tried[name] === 'number' ? `${(tried[name] as number).toFixed(2)} steps/s` : tried[name]}`,
      );
    }
    if (backend) {
      await tf.setBackend(backend);
      train = tensorSplit(dataset, split.train);
      validation = heldOut();
      const loop = stockLoop(spec, train, config);
      block = loop.run;
      evaluate = () => stockAccuracy(spec, loop.model, validation!);
      release = loop.dispose;
    }
  }
  if (block) await block(1);
  stepsDone = 1;
  post({
    type: 'prepared',
    backend,
    tried,
    firstStepMs: performance.now() - started,
    forwardFlops: forwardFlops(spec),
    stepsPerEpoch: Math.ceil(split.train.length / BATCH),
  });
}

/** What a TF.js user would compute: argmax of each head against the labels, padding skipped. */
async function stockAccuracy(
  spec: ModelSpec,
  model: tf.LayersModel,
  split: TensorSplit,
): Promise<Record<string, number>> {
  const outs = model.predict(split.x, { batchSize: 256 }) as tf.Tensor[];
  const metrics: Record<string, number> = {};
  for (const [i, head] of spec.heads.entries()) {
    const predicted = tf.tidy(() => tf.argMax(outs[i], -1));
    const truth = split.labels[head.task];
    const mask = truth.map((t) => (t >= 0 ? 1 : 0));
    metrics[head.task] = accuracy(truth, await predicted.data(), mask);
    predicted.dispose();
  }
  tf.dispose(outs);
  return metrics;
}

self.addEventListener('message', async (event: MessageEvent<SpeedRequest>) => {
  const request = event.data;
  try {
    switch (request.type) {
      case 'prepare':
        await prepare(request);
        return;
      case 'block': {
        const stepsPerSec = await block!(request.steps);
        stepsDone += request.steps;
        post({ type: 'block', stepsPerSec });
        return;
      }
      case 'memory': {
        if (request.steps > stepsDone) await block!(request.steps - stepsDone);
        stepsDone = Math.max(stepsDone, request.steps);
        const memory = tf.memory();
        // WASM's linear memory: where its tensors live; it grows and never shrinks.
        const wasmModule = (tf.backend() as Partial<{ wasm: { HEAPU8: Uint8Array } }>).wasm;
        post({
          type: 'memory',
          steps: stepsDone,
          numTensors: memory.numTensors,
          tensorBytes: memory.numBytes,
          wasmMemoryBytes:
            tf.getBackend() === 'wasm' ? (wasmModule?.HEAPU8.byteLength ?? null) : null,
        });
        return;
      }
      case 'evaluate':
        post({ type: 'evaluated', steps: stepsDone, metrics: await evaluate!() });
        return;
      case 'release':
        release();
        if (train) disposeSplit(train);
        if (validation) disposeSplit(validation);
        post({ type: 'released' });
        return;
    }
  } catch (e) {
    say(`failed: ${e instanceof Error ? e.message : String(e)}`);
    post({
      type: 'prepared',
      backend: null,
      tried: { error: String(e) },
      firstStepMs: 0,
      forwardFlops: 0,
      stepsPerEpoch: 0,
    });
  }
});
