import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

test.describe('train on MNIST', () => {
  test('hard sharing learns the digits, curves move, the link and the CSV round-trip', async ({
    page,
  }, testInfo) => {
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    // Short run sized for a machine without a GPU: 2 epochs over 8,000 training digits.
    await page.goto('./#epochs=2');
    await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
    const backend = (await page.getByTestId('backend-name').textContent())?.trim();
    testInfo.annotations.push({ type: 'backend', description: backend ?? '?' });
    console.log(`backend in use: ${backend}`);
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(backend);

    await page.getByLabel('Preset').selectOption('hps');
    await page.getByLabel('Loss weight for Parity').fill('0.5');
    await page.getByRole('button', { name: 'Train' }).click();

    // Curves move: the latest training loss text changes while training runs.
    const latest = page.getByTestId('latest-Digit loss');
    await expect(latest).not.toHaveText('no data yet');
    const first = await latest.textContent();
    await expect(latest).not.toHaveText(first ?? '', { timeout: 30_000 });

    await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
    const digitAccuracy = Number(await page.getByTestId('val-digit').textContent());
    console.log(`validation digit accuracy: ${digitAccuracy}`);
    expect(digitAccuracy).toBeGreaterThan(0.8);
    await page.screenshot({ path: testInfo.outputPath('trained.png'), fullPage: true });

    // The URL carries the setup: reopening it gives the same settings back.
    const url = page.url();
    expect(url).toContain('preset=hps');
    expect(url).toContain('w.parity=0.5');
    const again = await page.context().newPage();
    await again.goto(url);
    await expect(again.getByLabel('Preset')).toHaveValue('hps');
    await expect(again.getByLabel('Loss weight for Parity')).toHaveValue('0.5');
    await expect(again.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('2');
    await again.close();

    // Export metrics: one row per epoch, task and split.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export metrics' }).click();
    const download = await downloadPromise;
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('epoch,task,split,loss,metric,value');
    expect(csv).toHaveLength(1 + 2 * 3 * 2);
    for (const row of csv.slice(1)) {
      const [epoch, task, split, loss, metric, value] = row.split(',');
      expect(['1', '2']).toContain(epoch);
      expect(['digit', 'parity', 'high']).toContain(task);
      expect(['train', 'validation']).toContain(split);
      expect(Number(loss)).toBeGreaterThan(0);
      expect(metric).toBe('accuracy');
      expect(Number(value)).toBeGreaterThan(0.5);
    }
    expect(consoleErrors).toEqual([]);
  });
});

// MNIST's class counts 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978, each split
// round(n × 0.10) for validation (sum 999) and round(n × 0.15) for test (sum 1,501).
const SPLIT_COUNTS = 'This run: 7,500 train · 999 validation · 1,501 test';

test('a test split from the link is held out, evaluated once at the end, and exported', async ({
  page,
}) => {
  await page.goto('./#epochs=1&val=0.1&test=0.15&autotrain=1');
  await expect(page.getByRole('article', { name: 'MNIST digits dataset card' })).toContainText(
    '75% train / 10% validation / 15% test, the same split for every seed, stratified by Digit',
  );
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  // Stratified by digit: each class is split 75 / 10 / 15 (rounded per class).
  await expect(page.getByTestId('split-counts')).toHaveText(SPLIT_COUNTS);
  expect(
    Number((await page.getByTestId('test-digit').textContent())?.replace('test ', '')),
  ).toBeGreaterThan(0.8);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export metrics' }).click();
  const csv = readFileSync(await (await downloadPromise).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv.filter((row) => row.split(',')[2] === 'test').map((row) => row.split(',')[1])).toEqual(
    ['digit', 'parity', 'high'],
  );
});
