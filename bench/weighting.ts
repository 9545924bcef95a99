import type { WeightingBenchEvent } from './weightingProtocol';

declare global {
  interface Window {
    weightingResult?: Extract<WeightingBenchEvent, { type: 'done' }>;
  }
}

const log = document.getElementById('log')!;
log.textContent = '';
const worker = new Worker(new URL('./weighting.worker.ts', import.meta.url), { type: 'module' });
worker.addEventListener('message', (e: MessageEvent<WeightingBenchEvent>) => {
  if (e.data.type === 'log') {
    log.textContent += `${e.data.text}\n`;
    console.log(e.data.text);
  } else {
    window.weightingResult = e.data;
    log.textContent += 'done\n';
  }
});
const params = new URLSearchParams(window.location.search);
worker.postMessage({
  // Vite serves public/ at the site root.
  dataUrl: new URL('/data/mnist.bin', window.location.href).href,
  epochs: Number(params.get('epochs') ?? 4),
});
