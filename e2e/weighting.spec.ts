import { expect, test, type Page } from '@playwright/test';

/** Reads "−1.66 %" or "+0.40 %" as a fraction. */
const percentOf = (text: string) => {
  const m = /([+−-])(\d+\.\d+) %/.exec(text);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return (m[1] === '+' ? 1 : -1) * (Number(m[2]) / 100);
};

async function trainAndWait(page: Page) {
  const status = page.getByRole('status');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).not.toHaveText('Training finished');
  await expect(status).toHaveText('Training finished', { timeout: 120_000 });
}

test('switching the weighting strategy mid-run changes the effective weights at once', async ({
  page,
}) => {
  await page.goto('./#epochs=2&w.parity=0.5');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  const weights = page.getByTestId('latest-Effective loss weights');

  // One step with the user's static weights.
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(weights).toHaveText('Digit 1.00 · Parity 0.500');

  // MGDA-UB from now on: the weights become a convex combination set by the gradients.
  await page.getByLabel('Strategy').selectOption('mgda');
  await expect(page.getByTestId('strategy-explanation')).toContainText('smallest-norm convex');
  await expect(page.getByRole('link', { name: /Sener & Koltun 2018/ })).toHaveAttribute(
    'href',
    'https://arxiv.org/abs/1810.04650',
  );
  await expect(page.getByLabel('Loss weight for Parity')).toBeDisabled();
  expect(page.url()).toContain('strategy=mgda');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveText('Training finished', { timeout: 120_000 });

  const text = (await weights.textContent()) ?? '';
  const [, digit, parity] = /Digit ([\d.]+) · Parity ([\d.]+)/.exec(text) ?? [];
  console.log(`effective weights after MGDA-UB: ${text}`);
  // Three tasks share one unit of weight on the shared layers.
  expect(Number(digit) + Number(parity)).toBeLessThan(1);
  // Each a share of that unit, set by the gradients (it may land on 0.500 by chance: the static
  // pair summed to 1.5, so the sum above already shows the switch).
  expect(Number(digit)).toBeGreaterThan(0);
  expect(Number(parity)).toBeGreaterThan(0);

  // The run remembers both strategies; the conflict matrix has a cosine for every pair.
  await expect(page.locator('.runs-table tbody tr').first()).toContainText(
    /Static \(your weights\) → MGDA-UB from step \d+/,
  );
  const conflict = page.getByRole('figure', { name: 'Gradient cosine similarity matrix' });
  await conflict.scrollIntoViewIfNeeded();
  const cosine = Number(await conflict.getByTestId('cosine-digit-parity').textContent());
  expect(cosine).toBeGreaterThanOrEqual(-1);
  expect(cosine).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('conflict-summary')).toContainText(/cos -?\d\.\d\d/);
});

test('single-task baselines give each task’s change and Δm; a weight sweep fills the Pareto view', async ({
  page,
}, testInfo) => {
  test.setTimeout(400_000);
  await page.goto('./#epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await trainAndWait(page);

  const gain = page.getByRole('region', { name: 'Did multi-task learning help?' });
  await gain.getByRole('button', { name: 'Run single-task baselines (3 runs)' }).click();
  const queue = page.getByTestId('queue-status');
  await expect(queue).toContainText('Single-task baselines: run 1 of 3');
  await expect(queue).toBeHidden({ timeout: 240_000 });

  const rows = gain.locator('.gain-table tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Baseline: Digit alone');
  await expect(gain).not.toContainText('No baseline yet');
  // Δm is the mean of the per-task changes shown.
  const changes = (await rows.locator('td:last-child').allTextContents()).map(percentOf);
  const deltaM = percentOf((await gain.getByTestId('delta-m').textContent()) ?? '');
  const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
  expect(Math.abs(deltaM - mean)).toBeLessThan(0.0001);
  console.log(`Δm after one epoch of hard sharing: ${(deltaM * 100).toFixed(2)} %`);
  await gain.screenshot({ path: testInfo.outputPath('delta-m.png') });

  const pareto = page.getByRole('region', { name: 'Trade-offs between tasks' });
  await pareto.getByRole('button', { name: 'Sweep 7 static weightings' }).click();
  await expect(queue).toContainText('run 1 of 7');
  await expect(queue).toBeHidden({ timeout: 300_000 });
  const caption = (await pareto.getByTestId('pareto-front').textContent()) ?? '';
  for (const w of ['0.1 · parity 1.9', '1 · parity 1', '1.9 · parity 0.1']) {
    expect(caption).toContain(`Sweep digit ${w}`);
  }
  // Along the front, better on one task means worse on the other.
  const front = [...caption.split('Dominated')[0].matchAll(/\((\d\.\d+), (\d\.\d+)\)/g)].map(
    (m) => [Number(m[1]), Number(m[2])],
  );
  expect(front.length).toBeGreaterThan(0);
  for (let i = 1; i < front.length; i++) {
    expect(front[i][0]).toBeGreaterThanOrEqual(front[i - 1][0]);
    expect(front[i][1]).toBeLessThanOrEqual(front[i - 1][1]);
  }
  await pareto.scrollIntoViewIfNeeded();
  await pareto.screenshot({ path: testInfo.outputPath('pareto.png') });
});
