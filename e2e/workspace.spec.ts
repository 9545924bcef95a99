import { expect, test } from '@playwright/test';
import { ready, savedWeightsAt } from './helpers';
import { BUNDLE_FORMAT, writeBundle } from '../src/core/share/bundle';

test('a reload in the middle of training brings the work back, and training goes on', async ({
  page,
}) => {
  await page.goto('./#dataset=mnist&preset=hps&epochs=3&val=0.1&w.parity=0.5');
  await ready(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The first epoch's validation score is in, and the workspace has been saved since.
  await expect(page.getByTestId('val-digit')).not.toHaveText('—', { timeout: 120_000 });
  const firstEpoch = Number(await page.getByTestId('val-digit').textContent());
  const since = await page.evaluate(() => Date.now());
  await expect.poll(() => savedWeightsAt(page), { timeout: 30_000 }).toBeGreaterThan(since);
  await page.reload();

  const banner = page.getByTestId('banner');
  await expect(banner).toContainText('Your workspace is back');
  await ready(page);
  await expect(page.getByLabel('Loss weight for Parity')).toHaveValue('0.5');
  await expect(page.getByLabel('Name of run 1')).toHaveValue('Run 1');
  // The restored model scores at least what it scored after its first epoch.
  await expect(page.getByTestId('val-digit')).not.toHaveText('—');
  const restored = Number(await page.getByTestId('val-digit').textContent());
  console.log(`digit accuracy: after epoch 1 ${firstEpoch}, restored ${restored}`);
  expect(restored).toBeGreaterThanOrEqual(firstEpoch - 0.01);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Training', { timeout: 30_000 });
});

test('a damaged link says what is wrong and leaves the previous work as it was', async ({
  page,
}) => {
  await page.goto('./#dataset=mnist&preset=hps&epochs=1&val=0.1&w.parity=0.5');
  await ready(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
  const trained = await page.getByTestId('val-digit').textContent();
  await page.getByRole('button', { name: 'Share…' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toContain('weights=');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => savedWeightsAt(page), { timeout: 30_000 }).toBeGreaterThan(0);

  // Cut short, as a chat app or a careless copy might.
  const damaged = link.slice(0, link.length - 2000).replace('w.parity=0.5', 'w.parity=3');
  await page.goto(damaged);
  await expect(page.getByRole('alert')).toContainText('This link is damaged: ');
  await expect(page.getByRole('alert')).toContainText('your previous work is unchanged');
  await ready(page);
  await expect(page.getByLabel('Loss weight for Parity')).toHaveValue('0.5');
  await expect(page.getByTestId('val-digit')).toHaveText(trained ?? '');
  await expect(page.getByLabel('Name of run 1')).toHaveValue('Run 1');
  expect(page.url()).not.toContain('weights=');
});

test('a hosted bundle asks before it replaces the work; New workspace asks first', async ({
  page,
  context,
}, testInfo) => {
  const bundle = writeBundle({
    manifest: {
      format: BUNDLE_FORMAT,
      version: 1,
      createdAt: '2026-12-01T09:00:00.000Z',
      title: 'Fashion-MNIST',
      setup: 'dataset=fashion&preset=mmoe&epochs=2&lr=0.002',
      dataset: { kind: 'builtin', id: 'fashion' },
      weights: null,
      tasks: ['item', 'group'],
    },
    runs: [],
    weights: null,
    data: null,
  });
  await context.route('https://course.example/**', (route) =>
    route.fulfill({
      body: Buffer.from(bundle),
      contentType: 'application/zip',
      headers: { 'access-control-allow-origin': '*' },
    }),
  );
  await page.goto('./#dataset=mnist&preset=hps&w.parity=0.5');
  await ready(page);

  // A bundle dropped anywhere on the page asks the same question.
  await page.evaluate((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.zip', { type: 'application/zip' }));
    document.body.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
    );
  }, Array.from(bundle));
  const dropped = page.getByRole('dialog', { name: 'Open dropped.zip?' });
  await expect(dropped).toContainText('Fashion-MNIST (built-in dataset)');
  await dropped.getByRole('button', { name: 'Keep my work' }).click();

  await page.goto('./#bundle=https://course.example/week3/lesson.zip');
  const ask = page.getByRole('dialog', { name: 'Open lesson.zip?' });
  await expect(ask).toContainText('Fashion-MNIST (built-in dataset) · 2 tasks: item, group');
  await expect(ask).toContainText('From https://course.example/week3/lesson.zip');
  await ask.screenshot({ path: testInfo.outputPath('open-bundle.png') });
  await ask.getByRole('button', { name: 'Keep my work' }).click();
  await ready(page);
  await expect(page.locator('.dataset-line')).toContainText('MNIST digits');
  await expect(page.getByLabel('Loss weight for Parity')).toHaveValue('0.5');

  await page.goto('./#bundle=http://course.example/week3/lesson.zip');
  await expect(page.getByRole('alert')).toContainText('https:// addresses only');
  await expect(page.getByLabel('Loss weight for Parity')).toHaveValue('0.5');

  await page.goto('./#bundle=https://course.example/week3/lesson.zip');
  await page.getByRole('button', { name: 'Open the bundle' }).click();
  await expect(page.locator('.dataset-line')).toContainText('Fashion-MNIST', { timeout: 60_000 });
  await ready(page);
  await expect(page.getByLabel('Preset')).toHaveValue('mmoe');
  expect(page.url()).toContain('lr=0.002');

  await page.getByRole('button', { name: 'New workspace' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start a new workspace?' });
  await confirm.getByRole('button', { name: 'Keep working' }).click();
  await expect(page.getByLabel('Preset')).toHaveValue('mmoe');
  await page.getByRole('button', { name: 'New workspace' }).click();
  await confirm.getByRole('button', { name: 'Start over' }).click();
  await expect(page.locator('.dataset-line')).toContainText('MNIST digits', { timeout: 60_000 });
  await ready(page);
  expect(page.url()).not.toContain('lr=0.002');
  // Defaults, and nothing restored after a reload either.
  await page.reload();
  await ready(page);
  await expect(page.locator('.dataset-line')).toContainText('MNIST digits');
});
