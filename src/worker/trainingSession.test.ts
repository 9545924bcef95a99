import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { specForSetup } from '../core/setupSpec';
import { defaultSetup } from '../core/urlState';
import type { WorkerEvent } from './protocol';
import { TrainingSession } from './trainingSession';
import { nodeSessionDeps } from './testDeps';
import { decodeWeights } from '../core/share/weightsCodec';
import { loadBuiltinForTests } from '../engine/testData';

function startSession() {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession((e) => events.push(e), nodeSessionDeps());
  const setup = defaultSetup();
  setup.train = { ...setup.train, epochs: 1, batchSize: 128, seed: 9 };
  session.handle({
    type: 'loadDataset',
    source: { kind: 'builtin', id: 'mnist', url: 'mnist.bin' },
  });
  session.handle({
    type: 'configure',
    setup: {
      datasetId: 'mnist',
      spec: specForSetup(setup, loadBuiltinForTests('mnist').info),
      train: setup.train,
      backend: 'auto',
      weighting: setup.weighting,
    },
  });
  const statuses = () =>
    events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.phase : ''));
  return { session, events, statuses };
}

const until = async (check: () => boolean, ms = 30_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('TrainingSession', () => {
  it('loads data, picks a backend that trains, and reports why the others were passed over', async () => {
    const { session, events, statuses } = startSession();
    await session.idle();
    expect(statuses()).toEqual(['loading', 'idle', 'probing', 'ready']);
    const backend = events.find((e) => e.type === 'backend');
    expect(backend?.type === 'backend' && backend.selection.backend).toBe(tf.getBackend());
    if (backend?.type !== 'backend') return;
    const outcomes = Object.fromEntries(
      backend.selection.probes.map((p) => [p.backend, p.outcome]),
    );
    // In Node only the CPU backend can run; every probe is accounted for.
    expect(outcomes).toEqual({
      webgpu: 'failed',
      webgl: 'failed',
      wasm: 'failed',
      cpu: 'selected',
    });
    const ready = events.find((e) => e.type === 'ready');
    expect(ready?.type === 'ready' && ready.info).toMatchObject({
      trainCount: 8000,
      validationCount: 2000,
      stepsPerEpoch: 63,
    });
  });

  it('steps once, pauses mid-run, resumes to the end, and resets to a fresh run', async () => {
    const { session, events, statuses } = startSession();
    await session.idle();
    const progress = () => events.filter((e) => e.type === 'progress');
    const lastStep = () => {
      const p = progress().at(-1);
      return p?.type === 'progress' ? p.step : 0;
    };

    session.handle({ type: 'step' });
    await session.idle();
    expect(lastStep()).toBe(1);
    expect(statuses().at(-1)).toBe('paused');

    session.handle({ type: 'start' });
    await until(() => lastStep() >= 5);
    session.handle({ type: 'pause' });
    session.handle({
      type: 'setTaskSettings',
      task: 'parity',
      settings: { weight: 0.5, temperature: 2 },
    });
    await session.idle();
    expect(statuses().at(-1)).toBe('paused');
    const pausedAt = lastStep();
    expect(pausedAt).toBeLessThan(63);
    await new Promise((r) => setTimeout(r, 50));
    expect(lastStep()).toBe(pausedAt);

    const tensorsBefore = tf.memory().numTensors;
    session.handle({ type: 'start' });
    await until(() => statuses().at(-1) === 'finished', 120_000);
    expect(lastStep()).toBe(63);
    // Flat memory: nothing accumulates between steps or across evaluation.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(1);
    if (epochs[0].type !== 'epoch') return;
    const validation = epochs[0].records.find((r) => r.split === 'validation');
    expect(validation?.tasks.digit.metric).toBeGreaterThan(0.6);

    session.handle({ type: 'reset' });
    await session.idle();
    expect(statuses().at(-1)).toBe('ready');
    session.handle({ type: 'step' });
    await session.idle();
    expect(lastStep()).toBe(1);
  });

  it('hands out the trained weights, and a new model starting from them scores what they scored', async () => {
    const { session, events } = startSession();
    await session.idle();
    session.handle({ type: 'start' });
    await until(() => events.some((e) => e.type === 'status' && e.phase === 'finished'), 120_000);
    const trained = events.find((e) => e.type === 'epoch');
    if (trained?.type !== 'epoch') throw new Error('no epoch');
    const trainedDigit = trained.records.find((r) => r.split === 'validation')!.tasks.digit.metric;

    session.handle({ type: 'readWeights', encoding: 'float32' });
    await session.idle();
    const answer = events.find((e) => e.type === 'weights');
    if (answer?.type !== 'weights' || !answer.weights) throw new Error('no weights');
    expect(answer.weights.step).toBe(63);
    const decoded = decodeWeights(answer.weights.bytes);
    if (!decoded.ok) throw new Error(decoded.message);
    const trainedSet = decoded.value;

    const configure = events.length;
    const setup = defaultSetup();
    setup.train = { ...setup.train, epochs: 1, batchSize: 128, seed: 9 };
    const spec = specForSetup(setup, loadBuiltinForTests('mnist').info);
    const request = (start: typeof trainedSet) => ({
      type: 'configure' as const,
      setup: {
        datasetId: 'mnist',
        spec,
        train: setup.train,
        backend: 'auto' as const,
        weighting: setup.weighting,
        start,
      },
    });
    session.handle(request(trainedSet));
    await session.idle();
    const loaded = events.slice(configure).find((e) => e.type === 'epoch');
    expect(loaded?.type === 'epoch' && loaded.records[0].epoch).toBe(0);
    if (loaded?.type !== 'epoch') return;
    expect(loaded.records[0].tasks.digit.metric).toBeCloseTo(trainedDigit, 6);

    // Weights of another model are refused with the layer named; the model starts fresh.
    const other = events.length;
    const wrong = {
      ...trainedSet,
      tensors: trainedSet.tensors.map((t, i) =>
        i === 0 ? { shape: [3, 3], values: new Float32Array(9) } : t,
      ),
    };
    session.handle(request(wrong));
    await session.idle();
    const rejected = events.slice(other).find((e) => e.type === 'startWeightsRejected');
    expect(rejected?.type === 'startWeightsRejected' && rejected.message).toMatch(
      /is \[784, \d+\] in this model but \[3, 3\] in them/,
    );
    expect(events.slice(other).some((e) => e.type === 'epoch')).toBe(false);
  });
});
