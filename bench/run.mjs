// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium and writes
// bench/results/latest.json. Speeds are ratios measured side by side in one run, because this
// kind of machine is shared and noisy.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, createServer, preview } from 'vite';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { measureBuilderDrag, measureDashboard } from './builderDrag.mjs';

const TIMEOUT_MS = 20 * 60_000;

const server = await createServer({
  configFile: 'vite.config.ts',
  server: { port: 5180, strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
});
await server.listen();
const browser = await chromium.launch(
  // Lets WebGPU run on a software adapter where no GPU exists, so it is measured too.
  chromiumLaunchOptions(['--enable-unsafe-webgpu']),
);
// `npm run bench -- builder` measures only the canvas; `-- webgl,wasm` only those backends.
const only = process.argv[2] ?? '';
let serverOpen = true;
try {
  const { encodeModel } = await server.ssrLoadModule('/src/core/spec/modelLink.ts');
  const training = only === 'builder' ? null : await measureTraining();
  // Closed so it cannot compete with the page for this machine's cores.
  await server.close();
  serverOpen = false;
  // The canvas and the dashboard are measured on the production build, as users get them.
  // The dev server set NODE_ENV to development; a build would then bundle React's slow dev mode.
  process.env.NODE_ENV = 'production';
  const outDir = path.join(os.tmpdir(), 'multitask-playground-bench-app');
  await build({
    configFile: 'vite.config.ts',
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const app = await preview({
    configFile: 'vite.config.ts',
    build: { outDir },
    preview: { port: 5181, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  let builder;
  let dashboard;
  try {
    dashboard = await measureDashboard(browser, 'http://127.0.0.1:5181/');
    builder = await measureBuilderDrag(browser, 'http://127.0.0.1:5181/', encodeModel);
  } finally {
    await app.close();
  }
  console.log(
    `\n${dashboard.scenario}: ${dashboard.longTasksPerMinute} main-thread tasks over 50 ms per minute (longest ${dashboard.longestTaskMs} ms; target 0)`,
  );
  console.log(
    '\ncanvas scenario                          frames  median  p95    max  >33ms  long tasks (longest)',
  );
  for (const b of builder) {
    console.log(
      `${b.scenario.padEnd(40)} ${String(b.frames).padStart(6)} ${b.medianFrameMs.toFixed(1).padStart(7)} ${b.p95FrameMs.toFixed(1).padStart(6)} ${b.maxFrameMs.toFixed(1).padStart(6)} ${String(b.framesOver33ms).padStart(6)}  ${b.longTasks} (${b.longestTaskMs} ms)`,
    );
  }
  writeReport({ ...(training ?? {}), builder, dashboard });
  console.log('\nSaved bench/results/latest.json');
} finally {
  await browser.close();
  if (serverOpen) await server.close();
}

/** The app's trainer beside a bare TF.js loop, per backend, on the dev server's bench page. */
async function measureTraining() {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'log') console.log(`  ${m.text()}`);
  });
  const userAgent = await page.evaluate(() => navigator.userAgent).catch(() => '');
  const backends = only;
  await page.goto(
    `http://127.0.0.1:5180/bench/index.html?backends=${encodeURIComponent(backends)}`,
  );
  await page.waitForFunction(() => window.benchResult !== undefined, undefined, {
    timeout: TIMEOUT_MS,
    polling: 1000,
  });
  const { results, skipped } = await page.evaluate(() => window.benchResult);

  console.log('\nworkload / backend            app steps/s   stock steps/s   ratio');
  for (const r of results) {
    console.log(
      `${r.backend.padEnd(30)} ${r.stepsPerSec.toFixed(1).padStart(11)} ${r.stockStepsPerSec.toFixed(1).padStart(15)} ${r.ratio.toFixed(3).padStart(7)}`,
    );
  }
  for (const s of skipped) console.log(`${s.backend.padEnd(30)} skipped: ${s.reason}`);
  console.log(`\n${results[0]?.workload ?? ''}; batch 64.`);
  await page.close();
  return {
    userAgent,
    target: 'ratio ≥ 0.95 (app overhead ≤ 5% against a bare TF.js loop)',
    results,
    skipped,
  };
}

function writeReport(parts) {
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '' },
    ...parts,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify(report, null, 2) + '\n');
}
