import type { WorkloadId } from './speedWorkloads';

/**
 * The speed benchmark's two workers: `app` is the app's own worker setup (its kernels, its
 * backend choice, its trainer and loop); `stock` is TF.js as shipped (no added kernels) with a
 * bare `optimizer.minimize` loop on its best working backend.
 */
export type SpeedRequest =
  | {
      type: 'prepare';
      mode: 'app' | 'stock';
      workload: WorkloadId;
      dataUrl: string;
      /** Stock: the backends to try (all by default). */
      backends?: string[];
    }
  /** `steps` timed steps; answer: 'block'. */
  | { type: 'block'; steps: number }
  /** Trains on to `steps` in all and reports memory; answer: 'memory'. */
  | { type: 'memory'; steps: number }
  /** Validation metrics of the model as trained so far; answer: 'evaluated'. */
  | { type: 'evaluate' }
  | { type: 'release' };

export type SpeedEvent =
  | { type: 'log'; text: string }
  | {
      type: 'prepared';
      backend: string | null;
      /** Steps/s, or why it failed, of every backend tried (stock: the quick trial that ranks them). */
      tried: Record<string, number | string>;
      /** Milliseconds from 'prepare' to the end of the first training step. */
      firstStepMs: number;
      /** Forward FLOPs per example (src/core/spec/flops.ts). */
      forwardFlops: number;
      stepsPerEpoch: number;
    }
  | { type: 'block'; stepsPerSec: number }
  | {
      type: 'memory';
      steps: number;
      numTensors: number;
      tensorBytes: number;
      wasmMemoryBytes: number | null;
    }
  | {
      type: 'evaluated';
      steps: number;
      /** Per task: validation accuracy (per token for tagging tasks, padding excluded). */
      metrics: Record<string, number>;
    }
  | { type: 'released' };
