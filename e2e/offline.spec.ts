import { expect, test, type Page } from '@playwright/test';
import { ready } from './helpers';

/** How many of the app's files its offline cache holds (0 before the service worker is done). */
const cachedFiles = (page: Page) =>
  page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('multitask-playground-'));
    if (names.length !== 1) return 0;
    const cache = await caches.open(names[0]);
    const keys = await cache.keys();
    const has = (suffix: string) => keys.some((r) => r.url.endsWith(suffix));
    return has('index.html') && has('data/mnist.bin') && keys.some((r) => r.url.endsWith('.wasm'))
      ? keys.length
      : 0;
  });

test('after one visit the app opens and trains with no network', async ({ page, context }) => {
  await page.goto('./#epochs=1');
  await ready(page);
  await expect.poll(() => cachedFiles(page), { timeout: 60_000 }).toBeGreaterThan(10);
  await context.setOffline(true);
  // Really offline: the network is gone for this page.
  expect(
    await page.evaluate(() =>
      fetch('http://127.0.0.1:9/', { cache: 'no-store' }).then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.5);
  // Another built-in dataset, never opened before, comes from the cache too.
  await page.getByLabel('Built-in dataset').selectOption('fashion');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  // A lesson link opened offline (a new address: the page loads again, from the cache).
  await page.goto('./?class=1#lesson=3&step=2');
  await expect(page.getByTestId('lesson-position')).toHaveText('Step 2 of 4');
  await ready(page);
  await expect(page.getByLabel('Loss weight for Clothing / footwear / bag')).toHaveValue('100');
});
