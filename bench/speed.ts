import { BUILTINS } from '../src/core/datasets/catalog';
import type { SpeedEvent, SpeedRequest } from './speedProtocol';
import { WORKLOADS, type WorkloadId } from './speedWorkloads';

const BATCH = 64;
/** Each timed block lasts about this long on its side. */
const BLOCK_SECONDS = 1.5;

/** The worker's report, and its JS heap read from outside (DevTools protocol, under run.mjs). */
type Memory = Extract<SpeedEvent, { type: 'memory' }> & { heapBytes: number | null };

export interface WorkloadResult {
  workload: WorkloadId;
  label: string;
  batchSize: number;
  app: {
    backend: string | null;
    tried: Record<string, number | string>;
    stepsPerSec: number;
    samplesPerSec: number;
    /** Of single steps, each timed to its end (read-back included). */
    msPerStepP50: number;
    msPerStepP95: number;
    /** Training FLOPs (3 × forward per example × batch) per second. */
    gflopsPerSec: number;
    firstStepMs: number;
    memory: Memory[];
    rounds: number[];
  };
  stock: {
    backend: string | null;
    tried: Record<string, number | string>;
    stepsPerSec: number;
    rounds: number[];
  };
  /** Median over rounds of app ÷ stock steps/s, each round's pair measured back to back. */
  ratio: number;
  /**
   * Validation accuracy per task of both sides after the same steps from the same start on the
   * same batches (full runs only).
   */
  quality: {
    steps: number;
    epochs: number;
    app: Record<string, number>;
    stock: Record<string, number>;
  } | null;
  forwardFlopsPerExample: number;
}

declare global {
  interface Window {
    speedResult?: { results: WorkloadResult[]; quick: boolean };
    /** Provided by run.mjs: the JS heap in use by the named worker, in bytes. */
    workerHeapBytes?: (name: string) => Promise<number | null>;
  }
}

const log = document.getElementById('log')!;
log.textContent = '';
const say = (text: string) => {
  log.textContent += `${text}\n`;
  console.log(text);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** A worker and a way to ask it one thing at a time. */
function speedWorker(name: string) {
  const worker = new Worker(new URL('./speed.worker.ts', import.meta.url), {
    type: 'module',
    name,
  });
  let waiting: ((e: SpeedEvent) => void) | null = null;
  worker.addEventListener('message', (e: MessageEvent<SpeedEvent>) => {
    if (e.data.type === 'log') say(e.data.text);
    else waiting?.(e.data);
  });
  const ask = <T extends SpeedEvent['type']>(request: SpeedRequest) =>
    new Promise<Extract<SpeedEvent, { type: T }>>((resolve) => {
      waiting = (e) => resolve(e as Extract<SpeedEvent, { type: T }>);
      worker.postMessage(request);
    });
  return { name, ask, terminate: () => worker.terminate() };
}

async function measure(id: WorkloadId, quick: boolean): Promise<WorkloadResult> {
  const workload = WORKLOADS.find((w) => w.id === id)!;
  const dataUrl = new URL(`/${BUILTINS[workload.dataset].file}`, window.location.href).href;
  say(`${id}: ${workload.label}`);
  const stock = speedWorker(`stock-${id}`);
  const app = speedWorker(`app-${id}`);
  try {
    const stockReady = await stock.ask<'prepared'>({
      type: 'prepare',
      mode: 'stock',
      workload: id,
      dataUrl,
      // Quick: not CPU, which trails far (0.01–1 steps/s here) and makes its trial the slowest.
      ...(quick ? { backends: ['webgpu', 'webgl', 'wasm'] } : {}),
    });
    const appReady = await app.ask<'prepared'>({
      type: 'prepare',
      mode: 'app',
      workload: id,
      dataUrl,
    });
    say(`  app picks ${appReady.backend}; stock's best is ${stockReady.backend ?? 'none'}`);
    let quality: WorkloadResult['quality'] = null;
    if (!quick && appReady.backend && stockReady.backend) {
      // Both have trained one step in 'prepare'.
      const steps = workload.qualitySteps;
      await app.ask<'block'>({ type: 'block', steps: steps - 1 });
      await stock.ask<'block'>({ type: 'block', steps: steps - 1 });
      const a = await app.ask<'evaluated'>({ type: 'evaluate' });
      const s = await stock.ask<'evaluated'>({ type: 'evaluate' });
      quality = {
        steps,
        epochs: steps / appReady.stepsPerEpoch,
        app: a.metrics,
        stock: s.metrics,
      };
      const show = (m: Record<string, number>) =>
        Object.entries(m)
          .map(([task, v]) => `${task} ${v.toFixed(3)}`)
          .join(', ');
      say(
        `  after ${steps} steps, validation accuracy: app ${show(a.metrics)}; stock ${show(s.metrics)}`,
      );
    }
    const appRounds: number[] = [];
    const stockRounds: number[] = [];
    const ratios: number[] = [];
    const latencies: number[] = [];
    const memory: Memory[] = [];
    if (appReady.backend && stockReady.backend) {
      const blockOf = async (w: ReturnType<typeof speedWorker>, steps: number) =>
        (await w.ask<'block'>({ type: 'block', steps })).stepsPerSec;
      // Warm-up blocks size the timed ones.
      const appSteps = Math.max(2, Math.round((await blockOf(app, 3)) * BLOCK_SECONDS));
      const stockSteps = Math.max(2, Math.round((await blockOf(stock, 2)) * BLOCK_SECONDS));
      const rounds = quick ? 2 : 5;
      for (let r = 0; r < rounds; r++) {
        // Alternate which goes first so drift on a shared machine hits both alike.
        const [a, s] =
          r % 2 === 0
            ? [await blockOf(app, appSteps), await blockOf(stock, stockSteps)]
            : [await blockOf(stock, stockSteps), await blockOf(app, appSteps)].reverse();
        appRounds.push(a);
        stockRounds.push(s);
        ratios.push(a / s);
        say(
          `  round ${r + 1}: app ${a.toFixed(2)} steps/s, stock ${s.toFixed(2)}, ×${(a / s).toFixed(1)}`,
        );
      }
      for (let i = 0; i < (quick ? 5 : 30); i++) latencies.push(1000 / (await blockOf(app, 1)));
      // Tensors and heap now and after more training: flat means nothing leaks.
      const memoryAt = async (steps: number) => {
        const m = await app.ask<'memory'>({ type: 'memory', steps });
        return { ...m, heapBytes: (await window.workerHeapBytes?.(app.name)) ?? null };
      };
      const now = await memoryAt(0);
      memory.push(now, await memoryAt(Math.max(quick ? 0 : 500, now.steps + (quick ? 30 : 100))));
    }
    const appRate = appRounds.length ? median(appRounds) : 0;
    return {
      workload: id,
      label: workload.label,
      batchSize: BATCH,
      app: {
        backend: appReady.backend,
        tried: appReady.tried,
        stepsPerSec: appRate,
        samplesPerSec: appRate * BATCH,
        msPerStepP50: latencies.length ? quantile(latencies, 0.5) : 0,
        msPerStepP95: latencies.length ? quantile(latencies, 0.95) : 0,
        gflopsPerSec: (3 * appReady.forwardFlops * BATCH * appRate) / 1e9,
        firstStepMs: appReady.firstStepMs,
        memory,
        rounds: appRounds,
      },
      stock: {
        backend: stockReady.backend,
        tried: stockReady.tried,
        stepsPerSec: stockRounds.length ? median(stockRounds) : 0,
        rounds: stockRounds,
      },
      ratio: ratios.length ? median(ratios) : 0,
      quality,
      forwardFlopsPerExample: appReady.forwardFlops,
    };
  } finally {
    app.terminate();
    stock.terminate();
  }
}

const params = new URLSearchParams(window.location.search);
const quick = params.get('quick') === '1';
const chosen = (params.get('workloads')?.split(',').filter(Boolean) ??
  WORKLOADS.filter((w) => !quick || w.quick).map((w) => w.id)) as WorkloadId[];
const results: WorkloadResult[] = [];
for (const id of chosen) results.push(await measure(id, quick));
window.speedResult = { results, quick };
say('done');
