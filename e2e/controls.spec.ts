import { expect, test, type Page } from '@playwright/test';

const stepText = async (page: Page) => {
  const text = (await page.locator('.progress-text').textContent()) ?? '';
  const match = /step (\d+)\//.exec(text);
  return match ? Number(match[1]) : -1;
};

test('step once, pause, resume and reset', async ({ page }) => {
  await page.goto('./#epochs=3&preset=mmoe');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Step' }).click();
  await expect(status).toHaveText('Paused after step 1');
  expect(await stepText(page)).toBe(1);
  await expect(page.getByTestId('latest-Digit loss')).toContainText('train');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('Training');
  await expect.poll(() => stepText(page)).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused at step');
  const paused = await stepText(page);
  await page.waitForTimeout(500);
  expect(await stepText(page)).toBe(paused);
  // A new architecture would lose the trained weights: the app asks first, and keeping them
  // leaves model and run as they were.
  await page.getByLabel('Preset').selectOption('single');
  const dialog = page.getByRole('dialog', { name: 'Discard the trained weights?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep the trained model' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Preset')).toHaveValue('mmoe');
  expect(await stepText(page)).toBe(paused);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => stepText(page)).toBeGreaterThan(paused);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('Ready');
  expect(await stepText(page)).toBe(0);
  await expect(page.getByTestId('latest-Digit loss')).toHaveText('no data yet');
  // Untrained, the architecture changes without a question.
  await page.getByLabel('Preset').selectOption('single');
  await expect(page.getByLabel('Preset')).toHaveValue('single');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('discarding the trained weights for a new structure starts over', async ({ page }) => {
  await page.goto('./#epochs=3');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepText(page)).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused at step');
  // Loss weights change live, without a question.
  await page.getByLabel('Loss weight for Parity').fill('2');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByLabel('Preset').selectOption('mmoe');
  const dialog = page.getByRole('dialog', { name: 'Discard the trained weights?' });
  await dialog.getByRole('button', { name: 'Discard and change' }).click();
  await expect(page.getByLabel('Preset')).toHaveValue('mmoe');
  await expect.poll(() => stepText(page)).toBe(0);
  await expect(page.getByTestId('node-experts')).toContainText('4 experts');
  // The weight set before the change is kept on the new model.
  await expect(page.getByLabel('Loss weight for Parity')).toHaveValue('2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepText(page)).toBeGreaterThan(0);
});

test('mixture of experts trains from a link with autotrain', async ({ page }) => {
  await page.goto('./#preset=mmoe&epochs=1&autotrain=1');
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  // Chance is 0.1; one epoch of MMoE on 8,000 digits gets far above it.
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.7);
  expect(Number(await page.getByTestId('val-parity').textContent())).toBeGreaterThan(0.7);
  // The page's own link no longer asks to start training on reload.
  expect(page.url()).not.toContain('autotrain');
});
