import type { WorkerEvent, WorkerRequest } from '../worker/protocol';

export interface TrainingWorker {
  /** `transfer` hands buffers over without a copy. */
  send(request: WorkerRequest, transfer?: Transferable[]): void;
  /** Stops the worker at once (it may be stuck); no event of it arrives afterwards. */
  terminate(): void;
}

/** Starts the training worker; `onEvent` is its one listener. */
export function startTrainingWorker(
  onEvent: (event: WorkerEvent) => void,
  onCrash: (message: string) => void,
): TrainingWorker {
  const worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), {
    type: 'module',
  });
  let alive = true;
  worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => {
    if (alive) onEvent(e.data);
  });
  worker.addEventListener('error', (e) => {
    // An uncaught error in the worker's script: it cannot be trusted to go on.
    e.preventDefault();
    if (alive) onCrash(e.message || 'it failed to start');
  });
  return {
    send: (request, transfer = []) => worker.postMessage(request, transfer),
    terminate: () => {
      alive = false;
      worker.terminate();
    },
  };
}
