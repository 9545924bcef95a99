import { expect, type Page } from '@playwright/test';

/** The app has loaded its dataset and built the model. */
export const ready = (page: Page) =>
  expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });

/** When the saved workspace (IndexedDB) was written, if it holds trained weights; -1 otherwise. */
export const savedWeightsAt = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('multitask-playground-workspace');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('workspace')) return resolve(-1);
          const get = db.transaction('workspace').objectStore('workspace').get('current');
          get.onsuccess = () => resolve(get.result?.weights ? get.result.savedAt : -1);
          get.onerror = () => resolve(-1);
        };
        open.onerror = () => resolve(-1);
      }),
  );
