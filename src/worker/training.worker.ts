/// <reference lib="webworker" />
import { browserSoftwareRenderer } from '../engine/backends';
import { decodeImage } from './decodeImage';
import { registerBrowserBackends } from './browserBackends';
import type { WorkerEvent, WorkerRequest } from './protocol';
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
});

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) =>
  session.handle(event.data),
);
