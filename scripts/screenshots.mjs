// `npm run screenshots`: pictures of the main screens in their typical states, for review.
// Expects a built app (`npm run build`); writes test-results/screens/*.png.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromiumLaunchOptions } from './chromium.mjs';

const PORT = 4174;
const OUT = 'test-results/screens';
mkdirSync(OUT, { recursive: true });
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
  },
);
await new Promise((r) => setTimeout(r, 2500));
const browser = await chromium.launch(chromiumLaunchOptions());
const base = `http://127.0.0.1:${PORT}/`;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${base}#preset=mmoe&epochs=abc&w.colour=2`);
  await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await page.getByTestId('backend-name').click();
  await page.screenshot({ path: `${OUT}/ready-notices-backends.png`, fullPage: true });
  await page.getByTestId('backend-name').click();

  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('status').filter({ hasText: 'Paused' }).waitFor();
  await page.screenshot({ path: `${OUT}/paused.png`, fullPage: true });
  const experts = page.locator('.insight');
  await experts.getByRole('tab', { name: 'Experts' }).click();
  await experts.locator('.gate-table tbody tr').first().waitFor();
  await experts.screenshot({ path: `${OUT}/insight-experts.png` });

  // The builder: every preset on images, two on text, a broken graph, a hover tip, dark at 1920.
  const builder = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const openBuilder = async (target, hash) => {
    await target.goto(`${base}#${hash}`);
    await target.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    await target.waitForTimeout(600);
    await target.getByTestId('model-canvas').scrollIntoViewIfNeeded();
  };
  for (const preset of ['single', 'hps', 'mmoe', 'cgc', 'autoencoder']) {
    await openBuilder(builder, `preset=${preset}`);
    await builder.screenshot({ path: `${OUT}/builder-${preset}.png` });
  }
  for (const preset of ['hps', 'cgc']) {
    await openBuilder(builder, `dataset=brown5k&preset=${preset}`);
    await builder.screenshot({ path: `${OUT}/builder-brown-${preset}.png` });
  }
  await openBuilder(builder, 'preset=hps');
  await builder.locator('.react-flow__node[data-id="head-parity"]').click();
  await builder.getByRole('spinbutton', { name: 'Classes' }).fill('7');
  await builder.getByRole('spinbutton', { name: 'Classes' }).press('Enter');
  await builder.locator('.react-flow__node[data-id="trunk-1"]').click();
  await builder.keyboard.press('Delete');
  await builder.locator('.builder').screenshot({ path: `${OUT}/builder-invalid.png` });
  await openBuilder(builder, 'preset=mmoe');
  await builder.locator('.react-flow__node[data-id="gate-parity"]').hover();
  await builder.waitForTimeout(900);
  await builder.screenshot({ path: `${OUT}/builder-hover.png` });

  const projector = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await projector.addInitScript(() => localStorage.setItem('multitask-playground.theme', 'dark'));
  await openBuilder(projector, 'preset=cgc');
  await projector.screenshot({ path: `${OUT}/builder-dark-1920.png` });

  // The dashboard: two runs with different loss weights, overlaid, and the diagnostics.
  const dash = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await dash.goto(`${base}#epochs=1&w.parity=0`);
  const status = dash.getByRole('status');
  await status.filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await dash.getByRole('button', { name: 'Train' }).click();
  await status.filter({ hasText: 'Training finished' }).waitFor({ timeout: 120_000 });
  await dash.getByLabel('Loss weight for Parity').fill('2');
  await dash.getByRole('button', { name: 'Train' }).click();
  await status.filter({ hasText: 'Training' }).filter({ hasNotText: 'finished' }).waitFor();
  await status.filter({ hasText: 'Training finished' }).waitFor({ timeout: 120_000 });
  await dash.getByRole('checkbox', { name: 'Overlay Run 1' }).check();
  await dash.locator('.charts').scrollIntoViewIfNeeded();
  await dash.waitForTimeout(1500);
  await dash.locator('.runs').screenshot({ path: `${OUT}/dashboard-runs.png` });
  await dash.locator('.charts').screenshot({ path: `${OUT}/dashboard-overlay.png` });
  await dash.locator('.diagnostics').scrollIntoViewIfNeeded();
  await dash.locator('.diagnostics').screenshot({ path: `${OUT}/dashboard-diagnostics.png` });

  // Insight: a validation example, the embedding with k-means scores, the two runs as an ensemble.
  const insight = dash.locator('.insight');
  await insight.scrollIntoViewIfNeeded();
  await insight.getByRole('button', { name: 'Validation example' }).click();
  await insight.getByRole('img', { name: 'Validation example 1' }).waitFor();
  await insight.screenshot({ path: `${OUT}/insight-try.png` });
  await insight.getByRole('tab', { name: 'Embedding' }).click();
  await insight.getByRole('button', { name: 'Project the validation set' }).click();
  await insight.getByTestId('embedding-source').waitFor();
  await insight.getByRole('button', { name: 'Run k-means' }).click();
  await insight.getByTestId('cluster-scores').waitFor();
  await insight.screenshot({ path: `${OUT}/insight-embedding.png` });
  await insight.getByRole('tab', { name: 'Ensembles' }).click();
  await insight.getByRole('checkbox', { name: 'Run 1' }).check();
  await insight.getByRole('checkbox', { name: 'Run 2' }).check();
  await insight.getByRole('button', { name: /Evaluate ensemble/ }).click();
  await insight.getByTestId('ensemble-scores').waitFor({ timeout: 60_000 });
  await insight.screenshot({ path: `${OUT}/insight-ensemble.png` });

  // Sharing: the dialog with a trained model's link, and that link opened in a fresh browser.
  await dash.getByRole('button', { name: 'Share…' }).click();
  const share = dash.getByRole('dialog', { name: 'Share this model' });
  await share.getByTestId('share-link-size').waitFor();
  await share.screenshot({ path: `${OUT}/share-dialog.png` });
  const link = await share.getByRole('textbox', { name: 'Share link' }).inputValue();
  await share.getByRole('button', { name: 'Close' }).click();
  const receiver = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await receiver.goto(link);
  await receiver.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await receiver.waitForTimeout(500);
  await receiver.screenshot({ path: `${OUT}/share-link-opened.png` });

  // Loss weighting: a strategy switched mid-run, baselines with Δm, a sweep on the Pareto view.
  const weighting = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
    colorScheme: 'dark',
  });
  await weighting.goto(`${base}#epochs=1&strategy=pcgrad`);
  const wStatus = weighting.getByRole('status');
  await wStatus.filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await weighting.getByRole('button', { name: 'Train' }).click();
  await wStatus.filter({ hasText: 'Training finished' }).waitFor({ timeout: 120_000 });
  await weighting.locator('.weighting').screenshot({ path: `${OUT}/weighting-panel.png` });
  const conflict = weighting.locator('article[aria-label="Gradient conflict"]');
  await conflict.scrollIntoViewIfNeeded();
  await weighting.waitForTimeout(1500);
  await conflict.screenshot({ path: `${OUT}/weighting-conflict.png` });
  await weighting.getByRole('button', { name: /Run single-task baselines/ }).click();
  const queue = weighting.getByTestId('queue-status');
  await queue.waitFor();
  await queue.waitFor({ state: 'detached', timeout: 300_000 });
  await weighting.getByRole('button', { name: /Sweep 7/ }).click();
  await queue.waitFor();
  await queue.waitFor({ state: 'detached', timeout: 300_000 });
  await weighting.locator('.gain').screenshot({ path: `${OUT}/weighting-delta-m.png` });
  await weighting.locator('.pareto').scrollIntoViewIfNeeded();
  await weighting.waitForTimeout(1000);
  await weighting.locator('.pareto').screenshot({ path: `${OUT}/weighting-pareto.png` });

  // Reliability: a run that diverged, with its remedies; a worker replaced mid-run; no storage.
  const faults = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await faults.goto(`${base}#opt=sgd&lr=10&strategy=uncertainty&epochs=3`);
  await faults.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await faults.getByRole('button', { name: 'Train' }).click();
  await faults.getByTestId('divergence').waitFor({ timeout: 60_000 });
  await faults.locator('.content').screenshot({
    path: `${OUT}/divergence.png`,
    clip: { x: 0, y: 0, width: 1200, height: 420 },
  });
  const killed = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await killed.goto(`${base}#epochs=4`);
  await killed.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  await killed.getByRole('button', { name: 'Train' }).click();
  await killed.waitForTimeout(4000);
  void killed
    .workers()[0]
    .evaluate(() => self.close())
    .catch(() => undefined);
  await killed
    .getByTestId('banner')
    .filter({ hasText: 'goes on from its checkpoint' })
    .waitFor({ timeout: 90_000 });
  await killed.screenshot({
    path: `${OUT}/worker-restarted.png`,
    clip: { x: 0, y: 0, width: 1440, height: 400 },
  });
  const privateWindow = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await privateWindow.addInitScript(() =>
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    }),
  );
  await privateWindow.goto(`${base}#epochs=1`);
  await privateWindow.getByTestId('storage-warning').waitFor({ timeout: 60_000 });
  await privateWindow.screenshot({
    path: `${OUT}/storage-warning.png`,
    clip: { x: 0, y: 0, width: 1440, height: 300 },
  });

  const narrow = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  await narrow.goto(`${base}#preset=single&epochs=1&autotrain=1`);
  await narrow
    .getByRole('status')
    .filter({ hasText: 'Training finished' })
    .waitFor({ timeout: 120_000 });
  await narrow.screenshot({ path: `${OUT}/narrow-finished.png`, fullPage: true });
  console.log(`screenshots in ${OUT}/`);
} finally {
  await browser.close();
  server.kill();
}
