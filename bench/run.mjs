// `npm run bench`: serves the benchmark page with Vite, runs it in headless Chromium and writes
// bench/results/latest.json. Speeds are ratios measured side by side in one run, because this
// kind of machine is shared and noisy.
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, createServer, preview } from 'vite';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { firstPaint } from '../scripts/first-paint.mjs';
import { measureFirstStep } from './appLoad.mjs';
import { measureTryIt } from './tryIt.mjs';
import { measureBuilderDrag, measureDashboard } from './builderDrag.mjs';
import { markdownReport } from './report.mjs';

const TIMEOUT_MS = 20 * 60_000;
/** The speed page: six workloads, every stock backend tried, a validation comparison each. */
const SPEED_TIMEOUT_MS = 60 * 60_000;

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
// `npm run bench` measures the speed workloads, the app's overhead and the built app (canvas
// and Try it panel included); `-- builder` only the canvas, `-- tryit` only the Try it panel, `-- weighting` only the weighting strategies and
// the MultiMNIST reference experiment (long; into weighting.json), `-- webgl,wasm` only those backends'
// MLP overhead, `-- image,text` only those speed workloads; `-- --quick` the image, text,
// sequence and MLP workloads in short rounds (stock TF.js not tried on CPU, no
// validation comparison) and the built app's load, first step and long tasks, in under 3
// minutes. Only a full run writes bench/results/latest.*; the others write quick.* or partial.*.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => !a.startsWith('--')) ?? '';
const WORKLOAD_IDS = ['image', 'text', 'sequence', 'text-gru', 'sequence-gru', 'mlp'];
const workloads = only.split(',').filter((w) => WORKLOAD_IDS.includes(w));
let serverOpen = true;
try {
  const { encodeModel } = await server.ssrLoadModule('/src/core/spec/modelLink.ts');
  const speed =
    only === 'builder' || only === 'weighting' || (only && !workloads.length)
      ? null
      : await measureSpeed();
  const training =
    only === 'builder' || only === 'weighting' || only === 'tryit' || workloads.length || quick
      ? null
      : await measureTraining();
  // Long (it reproduces a paper's table): run on its own, into its own file.
  const weighting = only === 'weighting' ? await measureWeighting() : null;
  // Closed so it cannot compete with the page for this machine's cores.
  await server.close();
  serverOpen = false;
  if (only === 'weighting') {
    writeReport({ weighting }, 'weighting');
  } else {
    const app = await measureApp(encodeModel);
    writeReport(
      { ...(speed ? { speed } : {}), ...(training ?? {}), ...app },
      quick ? 'quick' : only ? 'partial' : 'latest',
    );
  }
} finally {
  await browser.close();
  if (serverOpen) await server.close();
}

/**
 * On the production build as users get it: the first-paint JavaScript, a cold load to the first
 * training step, long tasks while training, and (full runs) the canvas.
 */
async function measureApp(encodeModel) {
  // The dev server set NODE_ENV to development; a build would then bundle React's slow dev mode.
  process.env.NODE_ENV = 'production';
  const outDir = path.join(os.tmpdir(), 'multitask-playground-bench-app');
  await build({
    configFile: 'vite.config.ts',
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const paint = firstPaint(outDir);
  const app = await preview({
    configFile: 'vite.config.ts',
    build: { outDir },
    preview: { port: 5181, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const base = 'http://127.0.0.1:5181/';
  let firstStep;
  let dashboard;
  let builder = null;
  let tryIt = null;
  try {
    firstStep = await measureFirstStep(browser, base);
    dashboard = await measureDashboard(browser, base, quick ? 10 : 30);
    if (!quick && (!only || only === 'builder')) {
      builder = await measureBuilderDrag(browser, base, encodeModel);
    }
    if (!quick && (!only || only === 'tryit')) tryIt = await measureTryIt(browser, base);
  } finally {
    await app.close();
  }
  const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
  console.log(
    `\nfirst-paint JavaScript: ${kB(paint.jsGzipBytes)} gzipped (${kB(paint.jsBytes)}); TF.js in it: ${paint.withTfjs.length ? paint.withTfjs.join(', ') : 'no'}`,
  );
  console.log(
    `${firstStep.scenario}: Train shown at ${(firstStep.trainShownMs / 1000).toFixed(1)} s, first step done at ${(firstStep.firstStepMs / 1000).toFixed(1)} s (${firstStep.backend})`,
  );
  console.log(
    `${dashboard.scenario}: ${dashboard.longTasksPerMinute} main-thread tasks over 50 ms per minute (longest ${dashboard.longestTaskMs} ms; target 0)`,
  );
  if (builder) {
    console.log(
      '\ncanvas scenario                          frames  median  p95    max  >33ms  long tasks (longest)',
    );
    for (const b of builder) {
      console.log(
        `${b.scenario.padEnd(40)} ${String(b.frames).padStart(6)} ${b.medianFrameMs.toFixed(1).padStart(7)} ${b.p95FrameMs.toFixed(1).padStart(6)} ${b.maxFrameMs.toFixed(1).padStart(6)} ${String(b.framesOver33ms).padStart(6)}  ${b.longTasks} (${b.longestTaskMs} ms)`,
      );
    }
  }
  if (tryIt) {
    console.log('\nTry it scenario                  moves/s  lag p50  lag max  long tasks');
    for (const t of tryIt) {
      console.log(
        `${t.scenario.padEnd(32)} ${String(t.pointerMovesPerSecond).padStart(7)} ${String(t.lagMedianMs).padStart(8)} ${String(t.lagMaxMs).padStart(8)}  ${t.longTasks} (${t.longestTaskMs} ms)`,
      );
    }
  }
  return {
    firstPaint: paint,
    firstStep,
    dashboard,
    ...(builder ? { builder } : {}),
    ...(tryIt ? { tryIt } : {}),
  };
}

/**
 * For each reference workload: the app (its kernels, its backend choice, its trainer) against
 * stock TF.js (shipped kernels, a bare loop) on the stock's best working backend, side by side.
 */
async function measureSpeed() {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'log') console.log(`  ${m.text()}`);
  });
  await page.exposeFunction('workerHeapBytes', workerHeapBytes);
  const query = new URLSearchParams({
    ...(quick ? { quick: '1' } : {}),
    ...(workloads.length ? { workloads: workloads.join(',') } : {}),
  });
  await page.goto(`http://127.0.0.1:5180/bench/speed.html?${query}`);
  await page.waitForFunction(() => window.speedResult !== undefined, undefined, {
    timeout: SPEED_TIMEOUT_MS,
    polling: 1000,
  });
  const { results } = await page.evaluate(() => window.speedResult);
  await page.close();
  console.log(
    '\nworkload  app backend  app steps/s  stock backend  stock steps/s  ratio  samples/s  ms/step p50/p95  GFLOP/s  first step  tensors@step (worker heap)',
  );
  for (const r of results) {
    const tensors = r.app.memory
      .map(
        (m) =>
          `${m.numTensors}@${m.steps}${m.heapBytes === null ? '' : ` (${(m.heapBytes / 2 ** 20).toFixed(1)} MB)`}`,
      )
      .join(' ');
    console.log(
      `${r.workload.padEnd(9)} ${String(r.app.backend).padEnd(12)} ${r.app.stepsPerSec.toFixed(1).padStart(11)}  ${String(r.stock.backend).padEnd(13)} ${r.stock.stepsPerSec.toFixed(2).padStart(13)} ${`×${r.ratio.toFixed(1)}`.padStart(6)} ${Math.round(r.app.samplesPerSec).toString().padStart(10)} ${`${r.app.msPerStepP50.toFixed(0)}/${r.app.msPerStepP95.toFixed(0)}`.padStart(16)} ${r.app.gflopsPerSec.toFixed(2).padStart(8)} ${`${(r.app.firstStepMs / 1000).toFixed(1)} s`.padStart(11)}  ${tensors}`,
    );
  }
  for (const r of results.filter((x) => x.quality)) {
    const q = r.quality;
    const tasks = Object.keys(q.app)
      .map((t) => `${t} ${q.app[t].toFixed(3)} vs ${q.stock[t].toFixed(3)}`)
      .join(', ');
    console.log(
      `${r.workload}: validation accuracy after ${q.steps} steps, app vs stock: ${tasks}`,
    );
  }
  return { quick, target: 'app ≥ 10 × stock TF.js on its best backend (MLP: not slower)', results };
}

/**
 * The JS heap a named worker uses, read through the DevTools protocol (workers have no
 * performance.memory): Runtime.getHeapUsage in a session attached to the worker's target.
 */
async function workerHeapBytes(name) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.title === name);
    if (!target) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    const answer = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const message = JSON.parse(e.message);
        if (message.id === 1) resolve(message.result?.usedSize ?? null);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
    return await answer;
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
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

/**
 * Each weighting strategy's cost against static weights, and the MultiMNIST table of Sener &
 * Koltun (2018) reproduced here, beside theirs.
 */
async function measureWeighting() {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'log') console.log(`  ${m.text()}`);
  });
  await page.goto('http://127.0.0.1:5180/bench/weighting.html');
  await page.waitForFunction(() => window.weightingResult !== undefined, undefined, {
    timeout: TIMEOUT_MS,
    polling: 1000,
  });
  const result = await page.evaluate(() => window.weightingResult);
  await page.close();
  console.log('\nstrategy cost (steps/s against static weights, same model, back to back)');
  console.log('workload                            strategy      steps/s   static   ratio');
  for (const c of result.costs) {
    console.log(
      `${c.workload.padEnd(35)} ${c.strategy.padEnd(12)} ${c.stepsPerSec.toFixed(1).padStart(8)} ${c.staticStepsPerSec.toFixed(1).padStart(8)} ${c.costRatio.toFixed(2).padStart(7)}`,
    );
  }
  console.log(`\n${result.reference.setup}`);
  console.log(
    'method                          left %   right %    Δm %    | Sener & Koltun 2018 (60k): left %  right %',
  );
  const pct = (v) => (v * 100).toFixed(2).padStart(7);
  for (const r of result.reference.rows) {
    console.log(
      `${r.label.padEnd(31)} ${pct(r.left)}  ${pct(r.right)}  ${Number.isFinite(r.deltaM) ? pct(r.deltaM) : '      —'}    | ${r.paper ? `${r.paper[0].toFixed(2)}   ${r.paper[1].toFixed(2)}` : '—'}`,
    );
  }
  return result;
}

/** bench/results/<name>.json, and <name>.md beside it (not for the weighting-only report). */
function writeReport(parts, name) {
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '' },
    ...parts,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${name}.json`, JSON.stringify(report, null, 2) + '\n');
  const saved = [`bench/results/${name}.json`];
  if (name !== 'weighting') {
    // The weighting part's last run, so the Markdown has every table.
    const weighting = existsSync('bench/results/weighting.json')
      ? JSON.parse(readFileSync('bench/results/weighting.json', 'utf8'))
      : null;
    writeFileSync(`bench/results/${name}.md`, markdownReport(report, weighting));
    saved.push(`bench/results/${name}.md`);
  }
  console.log(`\nSaved ${saved.join(' and ')}`);
}
