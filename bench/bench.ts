import type { BenchEvent } from './protocol';

declare global {
  interface Window {
    benchResult?: Extract<BenchEvent, { type: 'done' }>;
  }
}

const log = document.getElementById('log')!;
log.textContent = '';
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.addEventListener('message', (e: MessageEvent<BenchEvent>) => {
  if (e.data.type === 'log') {
    log.textContent += `${e.data.text}\n`;
    console.log(e.data.text);
  } else {
    window.benchResult = e.data;
    log.textContent += 'done\n';
  }
});
// Vite serves public/ at the site root.
const backends =
  new URLSearchParams(window.location.search).get('backends')?.split(',').filter(Boolean) ?? [];
worker.postMessage({ dataUrl: new URL('/data/mnist.bin', window.location.href).href, backends });
