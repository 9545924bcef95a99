import type { WorkerEvent, WorkerRequest } from '../worker/protocol';

export interface TrainingWorker {
  /** `transfer` hands buffers over without a copy. */
  send(request: WorkerRequest, transfer?: Transferable[]): void;
}

/** Starts the training worker; `onEvent` is its one listener. */
export function startTrainingWorker(
  onEvent: (event: WorkerEvent) => void,
  onCrash: (message: string) => void,
): TrainingWorker {
  const worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), {
    type: 'module',
  });
  worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => onEvent(e.data));
  worker.addEventListener('error', (e) =>
    onCrash(e.message || 'The training worker failed to start.'),
  );
  return { send: (request, transfer = []) => worker.postMessage(request, transfer) };
}
