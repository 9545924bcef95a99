import type { WeightSet } from '../core/share/weightsCodec';
import { BACKEND_ORDER, type BackendName } from '../core/training/config';
import type { EpochRecord, StepPoint } from '../core/training/history';
import { WORKER_SILENCE_MS, type RunInfo } from '../worker/protocol';
import type { AppState } from './appStore';

/** At most this many restarts per page load: a worker that keeps dying is reported instead. */
const MAX_RESTARTS = 3;
/** Loading a large file or probing a GPU backend may keep the worker busy for longer. */
const STARTUP_SILENCE_MS = 60_000;
const WATCH_EVERY_MS = 500;

/** What the recovery needs from the store: its state and the worker's life cycle. */
export interface RecoveryHost {
  get: () => AppState;
  set: (partial: Partial<AppState>) => void;
  /** Terminates the worker (it may be stuck); callers waiting for it hear why. */
  stopWorker: (reason: string) => void;
  startWorker: () => void;
  /** Loads the dataset on screen into the new worker; the run is rebuilt once it is in. */
  reloadDataset: (s: AppState) => void;
  /** Trains the rebuilt run. */
  train: () => void;
}

/** A restart under way: the run it rebuilds and where that run goes on from. */
interface Pending {
  reason: string;
  runId: string | null;
  checkpoint: WeightSet | null;
  points: StepPoint[];
  epochs: EpochRecord[];
  /** It was training: it trains on once rebuilt. */
  train: boolean;
}

/**
 * Keeps the training worker alive: a worker that dies, stops answering, or cannot train on its
 * backend is replaced by one that avoids that backend, and the run goes on from its checkpoint.
 */
export class WorkerRecovery {
  /** Backends that failed in this tab: a new worker is not started on them again. */
  private failed: BackendName[] = [];
  private restarts = 0;
  private lastHeard = 0;
  private pending: Pending | null = null;

  constructor(private readonly host: RecoveryHost) {}

  /** The worker said something: it is alive. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  get excludedBackends(): BackendName[] {
    return [...this.failed];
  }

  /** The checkpoint the next model is built from, while a restart rebuilds a run. */
  get resumeFrom(): WeightSet | null {
    return this.pending?.checkpoint ?? null;
  }

  /** The dataset could not be loaded again: there is no run to rebuild. */
  cancel(): void {
    this.pending = null;
  }

  restart(reason: string, failed: BackendName | null = null): void {
    const s = this.host.get();
    const backend = failed ?? s.backend?.backend ?? null;
    if (backend && !this.failed.includes(backend)) this.failed = [...this.failed, backend];
    this.host.stopWorker(`${reason}.`);
    this.restarts++;
    if (this.restarts > MAX_RESTARTS || BACKEND_ORDER.every((b) => this.failed.includes(b))) {
      this.pending = null;
      this.host.set({
        phase: 'error',
        error: `${reason}. The training worker failed ${this.restarts} times; reload the page to try again.`,
        statusMessage: 'Stopped: the training worker keeps failing',
        queue: null,
      });
      return;
    }
    const runActive = s.run !== null && (s.step > 0 || s.phase === 'training');
    // A restart that fails while the last one rebuilds the run keeps that run's checkpoint.
    this.pending = this.pending
      ? { ...this.pending, reason }
      : {
          reason,
          runId: runActive ? s.currentRunId : null,
          checkpoint: runActive ? s.checkpoint : null,
          points: s.points,
          epochs: s.epochs,
          train: s.phase === 'training',
        };
    this.host.set({
      phase: 'loading',
      statusMessage: 'Restarting the training worker…',
      queue: null,
      banner: {
        tone: 'info',
        text: `${reason}. Restarting it without ${backend ?? 'its backend'}…`,
      },
    });
    this.heard();
    this.host.startWorker();
    this.host.reloadDataset(s);
  }

  /** A model is ready; if a restart rebuilt the run, its history up to the checkpoint comes back. */
  ready(info: RunInfo): void {
    const r = this.pending;
    if (!r) return;
    this.pending = null;
    const step = info.startStep;
    this.host.set({
      step,
      points: r.points.filter((p) => p.step <= step),
      epochs: r.epochs.filter((e) => e.epoch * info.stepsPerEpoch <= step),
      // The run tracker let go of the run when the new model was built: it is the same run.
      ...(r.runId ? { currentRunId: r.runId } : {}),
      banner: {
        tone: 'info',
        text: `${r.reason}. The worker was restarted on ${this.host.get().backend?.backend ?? 'another backend'}${
          step > 0
            ? ` and the run goes on from its checkpoint at step ${step.toLocaleString('en')}`
            : r.runId
              ? ' and the run starts again from step 0 (it had no checkpoint yet)'
              : ''
        }.`,
      },
    });
    if (r.train) this.host.train();
  }

  /** Restarts a worker that has been silent for too long (gone, or stuck in a step). */
  watch(): void {
    this.heard();
    setInterval(() => {
      // A hidden tab's timers (and maybe its worker's) are throttled: silence there is not a
      // hang. The clock starts again when the tab is shown.
      if (typeof document !== 'undefined' && document.hidden) {
        this.heard();
        return;
      }
      const s = this.host.get();
      // A model whose every step takes seconds (a large one on the CPU) is given time for three.
      const stepMs = s.phase === 'training' && s.stepsPerSecond > 0 ? 1000 / s.stepsPerSecond : 0;
      const limit =
        s.phase === 'loading' || s.phase === 'probing'
          ? STARTUP_SILENCE_MS
          : Math.max(WORKER_SILENCE_MS, 3 * stepMs);
      const silent = performance.now() - this.lastHeard;
      if (s.phase !== 'error' && silent > limit) {
        this.restart(`The training worker stopped answering for ${Math.round(silent / 1000)} s`);
      }
    }, WATCH_EVERY_MS);
  }
}
