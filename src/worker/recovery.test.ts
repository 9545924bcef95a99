import { describe, expect, it } from 'vitest';
import { specForSetup } from '../core/setupSpec';
import { decodeWeights, type WeightSet } from '../core/share/weightsCodec';
import { defaultSetup } from '../core/urlState';
import { loadBuiltinForTests } from '../engine/testData';
import type { RunSetup, WorkerEvent } from './protocol';
import { TrainingSession } from './trainingSession';
import { nodeSessionDeps } from './testDeps';

const mnist = loadBuiltinForTests('mnist');

function session(watch?: (onLost: (reason: string) => void) => void) {
  const events: WorkerEvent[] = [];
  const s = new TrainingSession(
    (e) => events.push(e),
    nodeSessionDeps((_backend, onLost) => {
      watch?.(onLost);
      return () => undefined;
    }),
  );
  s.handle({ type: 'loadDataset', source: { kind: 'builtin', id: 'mnist', url: 'mnist.bin' } });
  return { s, events };
}

function runSetup(extra: Partial<RunSetup> = {}): RunSetup {
  const setup = defaultSetup();
  setup.train = { ...setup.train, epochs: 2, batchSize: 128, seed: 9 };
  return {
    datasetId: 'mnist',
    spec: specForSetup(setup, mnist.info),
    train: setup.train,
    backend: 'auto',
    weighting: setup.weighting,
    ...extra,
  };
}

const until = async (check: () => boolean, ms = 60_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);

describe('checkpoints and restarts', () => {
  it('checkpoints at the end of each epoch, and a new worker goes on from there with the same weights', async () => {
    const first = session();
    first.s.handle({ type: 'configure', setup: runSetup() });
    first.s.handle({ type: 'start' });
    await until(() => of(first.events, 'checkpoint').length > 0);
    first.s.handle({ type: 'pause' });
    await first.s.idle();
    const checkpoint: WeightSet = of(first.events, 'checkpoint')[0].weights;
    const stepsPerEpoch = of(first.events, 'ready')[0].info.stepsPerEpoch;
    expect(checkpoint.step).toBe(stepsPerEpoch);
    // Sent after the epoch's evaluation, so the history up to it is complete.
    const epochAt = first.events.findIndex((e) => e.type === 'epoch');
    expect(first.events.findIndex((e) => e.type === 'checkpoint')).toBeGreaterThan(epochAt);

    const second = session();
    second.s.handle({ type: 'configure', setup: runSetup({ resume: checkpoint }) });
    second.s.handle({ type: 'readWeights', encoding: 'float32' });
    await second.s.idle();
    expect(of(second.events, 'ready')[0].info.startStep).toBe(stepsPerEpoch);
    const restored = decodeWeights(of(second.events, 'weights')[0].weights!.bytes);
    expect(restored.ok && restored.value.tensors.map((t) => Array.from(t.values))).toEqual(
      checkpoint.tensors.map((t) => Array.from(t.values)),
    );
    // No epoch-0 evaluation: this is the same run going on, not a model loaded from a file.
    expect(of(second.events, 'epoch')).toEqual([]);
    second.s.handle({ type: 'start' });
    await until(() => second.events.some((e) => e.type === 'status' && e.phase === 'finished'));
    const steps = of(second.events, 'progress').map((e) => e.step);
    expect(Math.min(...steps)).toBeGreaterThan(stepsPerEpoch);
    expect(Math.max(...steps)).toBe(2 * stepsPerEpoch);
    expect(of(second.events, 'epoch').map((e) => e.records[0].epoch)).toEqual([2]);
  });

  it('stops training and says so when the GPU device is lost, instead of staying in "training"', async () => {
    let lose: (reason: string) => void = () => undefined;
    const { s, events } = session((onLost) => (lose = onLost));
    s.handle({ type: 'configure', setup: runSetup() });
    s.handle({ type: 'start' });
    await until(() => of(events, 'progress').length > 0);
    lose('The WebGL context was lost.');
    await s.idle();
    expect(of(events, 'trainingFailed')).toEqual([
      { type: 'trainingFailed', backend: 'cpu', message: 'The WebGL context was lost.' },
    ]);
    expect(of(events, 'status').at(-1)?.phase).toBe('error');
  });
});
