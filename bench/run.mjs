// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium and writes
// bench/results/latest.json. Speeds are ratios measured side by side in one run, because this
// kind of machine is shared and noisy.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

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
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'log') console.log(`  ${m.text()}`);
  });
  const userAgent = await page.evaluate(() => navigator.userAgent).catch(() => '');
  // `npm run bench -- webgl,wasm` measures only those backends.
  const backends = process.argv[2] ?? '';
  await page.goto(
    `http://127.0.0.1:5180/bench/index.html?backends=${encodeURIComponent(backends)}`,
  );
  await page.waitForFunction(() => window.benchResult !== undefined, undefined, {
    timeout: TIMEOUT_MS,
    polling: 1000,
  });
  const { results, skipped } = await page.evaluate(() => window.benchResult);
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', userAgent },
    target: 'ratio ≥ 0.95 (app overhead ≤ 5% against a bare TF.js loop)',
    results,
    skipped,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify(report, null, 2) + '\n');

  console.log('\nworkload / backend            app steps/s   stock steps/s   ratio');
  for (const r of results) {
    console.log(
      `${r.backend.padEnd(30)} ${r.stepsPerSec.toFixed(1).padStart(11)} ${r.stockStepsPerSec.toFixed(1).padStart(15)} ${r.ratio.toFixed(3).padStart(7)}`,
    );
  }
  for (const s of skipped) console.log(`${s.backend.padEnd(30)} skipped: ${s.reason}`);
  console.log(`\n${results[0]?.workload ?? ''}; batch 64. Saved bench/results/latest.json`);
} finally {
  await browser.close();
  await server.close();
}
