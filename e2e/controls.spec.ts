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
  // The architecture cannot change under a paused run.
  await expect(page.getByRole('radio', { name: /Single-task/ })).toBeDisabled();

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => stepText(page)).toBeGreaterThan(paused);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('Ready');
  expect(await stepText(page)).toBe(0);
  await expect(page.getByTestId('latest-Digit loss')).toHaveText('no data yet');
  await expect(page.getByRole('radio', { name: /Single-task/ })).toBeEnabled();
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
