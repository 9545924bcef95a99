import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** A chart's plot redraws only on screen, as a user would look at it. */
const legend = (page: Page, chart: string) =>
  page.locator(`figure[aria-label="${chart}"] .recharts-legend-item-text`);
const look = (page: Page, chart: string) =>
  page.locator(`figure[aria-label="${chart}"]`).scrollIntoViewIfNeeded();
/** Legend entries of a chart, in alphabetical order (the legend's own order is recharts'). */
const entries = async (page: Page, chart: string) =>
  (await legend(page, chart).allTextContents()).sort();
const strokes = async (page: Page, chart: string) =>
  new Set(
    await page
      .locator(`figure[aria-label="${chart}"] path.recharts-curve`)
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke'))),
  );

test('two runs with different loss weights: kept, overlaid in distinct colours, still there after a reload', async ({
  page,
}) => {
  // Every main-thread task over 50 ms while the page lives.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('./#epochs=1');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  const rows = page.locator('.runs-table tbody tr');
  const longTasksBefore = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks.length,
  );

  await page.getByLabel('Loss weight for Parity').fill('0');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveText('Training finished', { timeout: 120_000 });
  // The finished run is diagnosed: Digit's confusion matrix has a heavy diagonal.
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  const matrix = diagnostics.getByRole('figure', { name: 'Digit confusion matrix' });
  await expect(matrix).toBeVisible();
  const zeros = Number(
    await matrix.getByRole('row', { name: /^0/ }).locator('td.diagonal').textContent(),
  );
  expect(zeros).toBeGreaterThan(100);
  await diagnostics.getByRole('tab', { name: 'Parity' }).click();
  await expect(diagnostics.getByRole('figure', { name: 'Parity confusion matrix' })).toBeVisible();
  await expect(
    diagnostics.getByRole('img', { name: /true (odd|even) · predicted/ }).first(),
  ).toBeVisible();

  await page.getByLabel('Loss weight for Parity').fill('2');
  await page.getByRole('button', { name: 'Train' }).click();
  // The status still reads "finished" from the first run until the second one starts.
  await expect(status).not.toHaveText('Training finished');
  await expect(status).toHaveText('Training finished', { timeout: 120_000 });

  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  const during = longTasks.slice(longTasksBefore);
  console.log(
    `long tasks while training: ${during.length}, longest ${Math.round(Math.max(0, ...during))} ms`,
  );
  expect(Math.max(0, ...during)).toBeLessThan(200);

  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('parity 2');
  await expect(rows.nth(1)).toContainText('parity 0');

  // Only the current run is drawn; ticking the first overlays it in its own colour.
  await look(page, 'Digit loss');
  await expect(legend(page, 'Digit loss')).toHaveText(['train', 'validation']);
  await page.getByRole('checkbox', { name: 'Overlay Run 1' }).check();
  await look(page, 'Digit loss');
  await expect(legend(page, 'Digit loss')).toHaveCount(4);
  expect(await entries(page, 'Digit loss')).toEqual([
    'Run 1 train',
    'Run 1 validation',
    'Run 2 train',
    'Run 2 validation',
  ]);
  await expect.poll(async () => (await strokes(page, 'Digit loss')).size).toBe(2);
  // Parity had weight 0 in run 1: its loss stayed near ln 2, unlike run 2's.
  await look(page, 'Parity loss');
  await expect(legend(page, 'Parity loss')).toHaveCount(4);

  // A chart's curves download as CSV (series, x, value) and as a PNG image.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Digit loss as CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('series,epoch,value');
  expect(csv.filter((row) => row.startsWith('Run 1 validation,1,'))).toHaveLength(1);
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Digit loss as PNG' }).click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  expect(png.length).toBeGreaterThan(5000);

  await page.getByRole('textbox', { name: 'Name of run 1' }).fill('no parity');
  await page.getByRole('textbox', { name: 'Name of run 1' }).press('Enter');

  await page.reload();
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Name of run 1' })).toHaveValue('no parity');
  await page.getByRole('checkbox', { name: 'Overlay no parity' }).check();
  await page.getByRole('checkbox', { name: 'Overlay Run 2' }).check();
  await look(page, 'Digit loss');
  // The restored model's own score (its saved weights on the validation split) is drawn too.
  await expect(legend(page, 'Digit loss')).toHaveCount(6);
  expect((await entries(page, 'Digit loss')).filter((e) => /^(Run 2|no parity) /.test(e))).toEqual([
    'Run 2 train',
    'Run 2 validation',
    'no parity train',
    'no parity validation',
  ]);
  await expect(rows.nth(1)).toContainText(/Digit: 0\.\d{3}/);
});
