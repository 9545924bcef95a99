import { expect, test, type Page } from '@playwright/test';

const stepText = async (page: Page) => {
  const text = (await page.locator('.progress-text').textContent()) ?? '';
  const match = /step ([\d,]+)\//.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : -1;
};

/** The saved runs, as IndexedDB holds them: what "nothing lost" is checked against. */
const savedRuns = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<
        {
          id: string;
          steps: number;
          epochs: unknown[];
          points: { step: number }[];
          train: Record<string, unknown>;
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open('multitask-playground-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      }),
  );

test('a run that blows up pauses at once, keeps its good weights, and goes on with a remedy', async ({
  page,
}) => {
  // Uncertainty weighting's log-variances under plain SGD at lr 10: e^{-s} overflows in a few steps.
  await page.goto('./#opt=sgd&lr=10&strategy=uncertainty&epochs=3');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  const notice = page.getByTestId('divergence');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText(
    /Training stopped at step \d+: the (loss of .+|gradient|combined loss \(what the weighting strategy minimises\)) became NaN or infinite/,
  );
  await expect(status).toContainText('Diverged at step');
  const restored = await stepText(page);
  await expect(page.getByTestId('latest-Digit loss')).not.toContainText('NaN');

  await notice.getByRole('button', { name: 'Go on with gradients clipped at norm 1' }).click();
  await expect(notice).toBeHidden();
  await expect(page.getByLabel('Clip gradient norm (0 = off)')).toHaveValue('1');
  await expect.poll(() => stepText(page), { timeout: 60_000 }).toBeGreaterThan(restored + 100);
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused');
  // No NaN on screen or in the saved run (JSON writes NaN and ±∞ as null).
  await expect(page.getByTestId('latest-Digit loss')).toContainText(/\d/);
  await expect(page.getByTestId('latest-Digit loss')).not.toContainText('NaN');
  await expect.poll(async () => (await savedRuns(page)).length).toBe(1);
  const [run] = await savedRuns(page);
  expect(run.points.length).toBeGreaterThan(0);
  expect(JSON.stringify(run.points)).not.toMatch(/null|NaN/);
  expect(run.train).toMatchObject({ learningRate: 10, clipNorm: 1 });
});

test('a worker that is killed mid-run is restarted on another backend and goes on from its checkpoint', async ({
  page,
}) => {
  await page.goto('./#epochs=4');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  const firstBackend = await page.getByTestId('backend-name').textContent();
  await page.getByRole('button', { name: 'Train' }).click();
  // Past the first epoch: its checkpoint and its evaluation are in.
  await expect
    .poll(async () => (await savedRuns(page))[0]?.epochs.length ?? 0, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(2);
  const before = (await savedRuns(page))[0];
  const [worker] = page.workers();
  expect(await worker.evaluate(() => 1 + 1)).toBe(2);
  const killedAt = Date.now();
  // Ends the worker from inside, as an out-of-memory kill would: no message, no error event.
  void worker.evaluate(() => self.close()).catch(() => undefined);
  const banner = page.getByTestId('banner');
  await expect(banner).toContainText('stopped answering', { timeout: 15_000 });
  expect(Date.now() - killedAt).toBeLessThan(10_000);
  await expect(banner).toContainText(
    /restarted on \w+ and the run goes on from its checkpoint at step \d+/,
    {
      timeout: 90_000,
    },
  );
  await expect(page.getByTestId('backend-name')).not.toHaveText(firstBackend ?? '');
  await expect(status).toContainText('Training');
  const resumedAt = await stepText(page);
  await expect.poll(() => stepText(page), { timeout: 60_000 }).toBeGreaterThan(resumedAt);
  // The same run, with the history it had up to the checkpoint.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused');
  const after = await savedRuns(page);
  expect(after.map((r) => r.id)).toEqual([before.id]);
  expect(after[0].epochs.slice(0, 2)).toEqual(before.epochs.slice(0, 2));
});

test('a worker stuck in a loop is noticed within 5 s and replaced', async ({ page }) => {
  await page.goto('./#epochs=2');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  const [worker] = page.workers();
  // Attached first, so the clock below starts when the loop does.
  expect(await worker.evaluate(() => 1 + 1)).toBe(2);
  const stuckAt = Date.now();
  void worker
    .evaluate(() => {
      const end = Date.now() + 120_000;
      while (Date.now() < end) {
        // Busy: the worker's event loop never turns.
      }
    })
    .catch(() => undefined);
  await expect(page.getByTestId('banner')).toContainText('stopped answering', { timeout: 15_000 });
  expect(Date.now() - stuckAt).toBeLessThan(8_000);
  await expect(status).toContainText('Ready', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepText(page), { timeout: 60_000 }).toBeGreaterThan(5);
});
