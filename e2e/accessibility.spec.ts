import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`,
      ),
    );
}

test('axe: the main screens have no serious or critical violations, light and dark', async ({
  page,
}) => {
  await page.goto('./#epochs=1&preset=mmoe');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 180_000 });
  // The dashboard with curves, runs, diagnostics and the try-it panel.
  expect(await seriousViolations(page)).toEqual([]);
  for (const tab of ['Embedding', 'Experts', 'Ensembles']) {
    await page.getByRole('tab', { name: tab }).click();
    expect(await seriousViolations(page), tab).toEqual([]);
  }
  // A dialog, and the builder with a layer open in the inspector.
  await page.getByRole('button', { name: 'Share…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'share dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByTestId('node-experts').click();
  expect(await seriousViolations(page), 'inspector').toEqual([]);
  await page.getByRole('button', { name: /dark/i }).first().click();
  expect(await seriousViolations(page), 'dark theme').toEqual([]);
});

test('axe: importing a file of one’s own', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByLabel('Import a file').setInputFiles('e2e/fixtures/brown-tagged.conllu');
  await expect(page.getByRole('form', { name: 'Import brown-tagged.conllu' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
