import { expect, test } from '@playwright/test';

test('invalid link values are named in a notice and replaced by defaults', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#preset=deep&epochs=abc&w.digit=-1&t.colour=2&lr=0.01');
  const notice = page.getByRole('alert', { name: 'Settings notices' });
  await expect(notice).toContainText(
    'preset=deep is not one of single, hps, mmoe, cgc, autoencoder; using hps.',
  );
  await expect(notice).toContainText('epochs=abc must be a whole number from 1 to 200; using 3.');
  await expect(notice).toContainText(
    'w.digit=-1: the loss weight must be a number from 0 to 100; using 1.',
  );
  await expect(notice).toContainText('MNIST digits has no task "colour"');
  // Valid values in the same link are kept.
  await expect(page.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.01');
  await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('3');
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('hps');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page
    .getByRole('button', {
      name: 'Dismiss: preset=deep is not one of single, hps, mmoe, cgc, autoencoder; using hps.',
    })
    .click();
  await expect(notice).not.toContainText('preset=deep');
  expect(errors).toEqual([]);
});

test('a forced backend is used, and the probe table says what happened to each', async ({
  page,
}) => {
  await page.goto('./#backend=cpu');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('cpu');
  await page.getByTestId('backend-name').click();
  const row = (backend: string) =>
    page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: backend, exact: true }) });
  await expect(row('cpu')).toContainText('in use');
  await expect(row('cpu')).toContainText('Chosen in the settings');
  await expect(row('wasm')).toContainText('Not tried: cpu already trains this model.');
});

test('a forced backend that cannot run falls back with a notice', async ({ page }) => {
  // Headless Chromium here has no WebGPU adapter without unsafe flags.
  await page.goto('./#backend=webgpu');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 90_000 });
  const used = (await page.getByTestId('backend-name').textContent())?.trim();
  test.info().annotations.push({ type: 'backend', description: used ?? '?' });
  if (used === 'webgpu') return; // a machine with a real GPU: nothing to fall back from
  await expect(page.getByRole('alert')).toContainText('The webgpu backend is unavailable here');
  expect(['webgl', 'wasm', 'cpu']).toContain(used);
});

test('invalid numbers typed into settings are refused with a reason', async ({ page }) => {
  await page.goto('./');
  const epochs = page.getByRole('spinbutton', { name: 'Epochs' });
  await epochs.fill('0');
  await epochs.press('Enter');
  await expect(page.getByText('Must be a whole number from 1 to 200.')).toBeVisible();
  await expect(page).toHaveURL(/epochs=3/);
  await epochs.fill('4');
  await epochs.press('Enter');
  await expect(page).toHaveURL(/epochs=4/);
  await expect(page.getByText('Must be a whole number from 1 to 200.')).toHaveCount(0);
});

test('hide= leaves the named panels off the page, for a class that should see only the model and the curves', async ({
  page,
}, testInfo) => {
  await page.goto('./#hide=dataset,tasks,weighting,training,runs,gain,pareto,diagnostics&epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  for (const name of ['Dataset', 'Tasks', 'Loss weighting', 'Training', 'Diagnostics']) {
    await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.locator('.sidebar')).toHaveCount(0);
  await expect(page.getByTestId('node-head')).toHaveCount(3);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  await expect(page.getByTestId('latest-Digit loss')).toContainText(/\d/);
  // The link the app writes keeps the hidden panels.
  expect(page.url()).toContain(
    'hide=dataset%2Ctasks%2Cweighting%2Ctraining%2Cruns%2Cgain%2Cpareto%2Cdiagnostics',
  );
  await page.screenshot({ path: testInfo.outputPath('hidden-panels.png'), fullPage: true });
});
