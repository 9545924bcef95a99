/// <reference lib="webworker" />
// First: it configures zod before any schema is built.
import '../core/zodConfig';
import { browserSoftwareRenderer } from '../engine/backends';
import { decodeImage } from './decodeImage';
import { registerBrowserBackends, watchDevice } from './browserBackends';
import { HEARTBEAT_MS, type WorkerEvent, type WorkerRequest } from './protocol';
import { TrainingSession } from './trainingSession';

declare const self: DedicatedWorkerGlobalScope;

registerBrowserBackends();

const session = new TrainingSession((event: WorkerEvent) => self.postMessage(event), {
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  softwareRenderer: browserSoftwareRenderer,
  decodeImage,
  watchDevice,
});

// Proof of life for the UI: a worker that is gone or stuck in a loop stops sending these.
setInterval(() => self.postMessage({ type: 'alive' } satisfies WorkerEvent), HEARTBEAT_MS);

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) =>
  session.handle(event.data),
);
