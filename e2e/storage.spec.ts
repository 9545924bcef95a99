import { expect, test, type Page } from '@playwright/test';
import { ready, savedWeightsAt } from './helpers';
import { readFileSync } from 'node:fs';

const runRows = (page: Page) => page.locator('.runs-table tbody tr');

/** Writes `value` under `key` in one of the app's IndexedDB stores, as a damaged file would. */
const writeRaw = (page: Page, db: string, store: string, key: string, value: unknown) =>
  page.evaluate(
    ([db, store, key, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db as string);
        open.onupgradeneeded = () => open.result.createObjectStore(store as string);
        open.onsuccess = () => {
          const tx = open.result.transaction(store as string, 'readwrite');
          tx.objectStore(store as string).put(value, key as string);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    [db, store, key, value] as const,
  );

const keysOf = (page: Page, db: string, store: string) =>
  page.evaluate(
    ([db, store]) =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open(db);
        open.onsuccess = () => {
          const all = open.result.transaction(store).objectStore(store).getAllKeys();
          all.onsuccess = () => resolve(all.result.map(String));
        };
      }),
    [db, store] as const,
  );

const trainOneEpoch = async (page: Page) => {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
};

test('a full storage keeps the work in memory, says so, and training goes on', async ({ page }) => {
  // Every write refused as a full disk refuses it (Chromium's quota override does not reach
  // IndexedDB here): reads work, each put fails with QuotaExceededError.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (this.name !== 'never')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto('./#epochs=1');
  await ready(page);
  await trainOneEpoch(page);
  await expect(page.getByTestId('storage-warning')).toContainText('storage for this site is full');
  // Nothing lost on screen: the finished run and its scores are there.
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first()).toContainText('125/125 steps');
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.5);
});

test('without IndexedDB (a private window) the app opens, warns, and trains', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException(
          'The user denied permission to access the database.',
          'SecurityError',
        );
      },
    });
  });
  await page.goto('./#epochs=1');
  await ready(page);
  await expect(page.getByTestId('storage-warning')).toContainText(
    'does not let the app store anything',
  );
  await trainOneEpoch(page);
  await expect(runRows(page)).toHaveCount(1);
});

test('a damaged saved workspace is set aside for download and the app still opens', async ({
  page,
}) => {
  await page.goto('./#epochs=1');
  await ready(page);
  await trainOneEpoch(page);
  await expect(runRows(page)).toHaveCount(1);
  // The app has saved the finished workspace (with its weights) and has nothing new to save, so
  // the damage written next is what the reload finds.
  await expect
    .poll(
      async () => {
        const before = await savedWeightsAt(page);
        await page.waitForTimeout(1500);
        return before > 0 && (await savedWeightsAt(page)) === before;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  // Two kinds of damage: a workspace and a run that do not read.
  await writeRaw(page, 'multitask-playground-workspace', 'workspace', 'current', {
    version: 1,
    hash: 42,
    tasks: ['__proto__'],
  });
  await writeRaw(page, 'multitask-playground-runs', 'runs', 'run-broken', { id: 'run-broken' });
  await page.reload();
  const banner = page.getByTestId('banner');
  await expect(banner).toContainText('Your saved workspace could not be read');
  await ready(page);
  await expect(page.getByTestId('damaged-runs')).toContainText(
    '1 saved run is damaged and was left out',
  );
  // The good run is still listed.
  await expect(runRows(page)).toHaveCount(1);
  const keys = await keysOf(page, 'multitask-playground-workspace', 'workspace');
  expect(keys.some((k) => k.startsWith('damaged-'))).toBe(true);
  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download the damaged workspace' }).click();
  const file = await downloading;
  const kept = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(kept).toMatchObject({ version: 1, hash: 42, tasks: ['__proto__'] });
});

test('two tabs on one workspace keep both their runs and show each other’s', async ({
  context,
}) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('./#epochs=1&seed=1'), b.goto('./#epochs=1&seed=2')]);
  await Promise.all([ready(a), ready(b)]);
  await Promise.all([trainOneEpoch(a), trainOneEpoch(b)]);
  for (const page of [a, b]) await expect(runRows(page)).toHaveCount(2);
  await a.reload();
  await ready(a);
  await expect(runRows(a)).toHaveCount(2);
  await expect(runRows(a).filter({ hasText: 'seed 1' })).toHaveCount(1);
  await expect(runRows(a).filter({ hasText: 'seed 2' })).toHaveCount(1);
});
