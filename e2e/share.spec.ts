import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';

// A short run: hard sharing on MNIST, one epoch over a fifth of the digits.
const SETUP = './#dataset=mnist&preset=hps&epochs=1&val=0.1&seed=3';

async function train(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
}

/** The page's model through the TF.js download, loaded in Node. */
async function downloadedModel(page: Page): Promise<tf.LayersModel> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (TF.js)' }).click(),
  ]);
  const files = unzipSync(new Uint8Array(readFileSync(await file.path())));
  const json = JSON.parse(strFromU8(files['model.json']));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: files['weights.bin'].slice().buffer,
    }),
  );
}

const accuracy = async (page: Page, task: string) =>
  Number(await page.getByTestId(`val-${task}`).textContent());

test('a share link carries the trained model to a fresh browser', async ({ page, browser }) => {
  await page.goto(SETUP);
  await train(page);
  const trainedAccuracy = await accuracy(page, 'digit');

  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this model' });
  const linkBox = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(linkBox).toHaveValue(/weights=/);
  await expect(dialog.getByTestId('share-link-size')).toContainText(
    'settings and trained weights (8 bits per weight)',
  );
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await linkBox.inputValue());
  console.log(`share link: ${(link.length / 1024).toFixed(0)} kB`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const original = await downloadedModel(page);

  // A new browser context: no storage, nothing shared with the first page but the link.
  const fresh = await browser.newContext({ acceptDownloads: true });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('banner')).toContainText('This link holds a trained model');
  await expect(other.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  // The same validation split (same seed) scored by the loaded weights, before any training.
  await expect(other.getByTestId('val-digit')).not.toHaveText('—');
  const loadedAccuracy = await accuracy(other, 'digit');
  console.log(`validation accuracy: trained ${trainedAccuracy}, from the link ${loadedAccuracy}`);
  expect(Math.abs(loadedAccuracy - trainedAccuracy)).toBeLessThan(0.01);

  // Prediction for prediction, on the same inputs.
  const shared = await downloadedModel(other);
  const input = tf.tensor4d(
    Array.from({ length: 64 * 28 * 28 }, (_, i) => ((i * 7919) % 256) / 255),
    [64, 28, 28, 1],
  );
  const a = original.predict(input) as tf.Tensor[];
  const b = shared.predict(input) as tf.Tensor[];
  for (let h = 0; h < a.length; h++) {
    const pa = tf.softmax(a[h]);
    const pb = tf.softmax(b[h]);
    const agree = (await tf.equal(pa.argMax(-1), pb.argMax(-1)).sum().data())[0];
    const gap = (await pa.sub(pb).abs().max().data())[0];
    console.log(`head ${h}: ${agree}/64 same argmax, largest probability gap ${gap.toFixed(4)}`);
    expect(agree).toBeGreaterThanOrEqual(62);
    expect(gap).toBeLessThan(0.1);
  }
  await fresh.close();
});

test('a bundle opens in a fresh browser and training continues from its weights', async ({
  page,
  browser,
}) => {
  await page.goto(SETUP);
  await train(page);
  const trainedAccuracy = await accuracy(page, 'digit');
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this model' });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download bundle' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('MNIST_digits-bundle.zip');
  const bundlePath = await file.path();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('./#dataset=fashion&epochs=1');
  await expect(other.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await other.getByLabel('Bundle file').setInputFiles({
    name: 'MNIST_digits-bundle.zip',
    mimeType: 'application/zip',
    buffer: readFileSync(bundlePath),
  });
  const ask = other.getByRole('dialog', { name: 'Open MNIST_digits-bundle.zip?' });
  await expect(ask).toContainText('trained weights (step');
  await expect(ask).toContainText('1 saved run');
  await ask.getByRole('button', { name: 'Open the bundle' }).click();
  await expect(other.getByTestId('banner')).toContainText('Opened MNIST_digits-bundle.zip');
  await expect(other.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await expect(other.locator('.dataset-line')).toContainText('MNIST digits');
  await expect(other.getByLabel('Name of run 1')).toHaveValue('Run 1');
  await expect(other.getByTestId('val-digit')).not.toHaveText('—');
  expect(Math.abs((await accuracy(other, 'digit')) - trainedAccuracy)).toBeLessThan(1e-3);

  // Another epoch from the bundle's weights: better than the first epoch from scratch.
  await other.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(other.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
  const continued = await accuracy(other, 'digit');
  console.log(`digit accuracy: after 1 epoch ${trainedAccuracy}, continued ${continued}`);
  expect(continued).toBeGreaterThan(trainedAccuracy);
  await fresh.close();
});

test('a bundle with the imported data included opens in a fresh browser with that data', async ({
  page,
  browser,
}) => {
  await page.goto('./#epochs=1&lr=0.003');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page
    .getByLabel('Import a file')
    .setInputFiles(new URL('./fixtures/brown-sentences.csv', import.meta.url).pathname);
  await page
    .getByRole('form', { name: 'Import brown-sentences.csv' })
    .getByRole('button', { name: 'Use this dataset' })
    .click();
  await expect(
    page.getByRole('article', { name: 'brown-sentences.csv dataset card' }),
  ).toBeVisible();
  await train(page);
  const genre = await page.getByTestId('val-genre').textContent();

  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this model' });
  // A link cannot carry the user's own data: the dialog says so and offers the bundle.
  await expect(dialog).toContainText('A link cannot carry your own data');
  await expect(
    dialog.getByRole('checkbox', { name: /Include data \(brown-sentences.csv/ }),
  ).toBeChecked();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download bundle' }).click(),
  ]);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('./');
  await expect(other.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await other.getByLabel('Bundle file').setInputFiles(await file.path());
  const ask = other.getByRole('dialog', { name: /^Open / });
  await expect(ask).toContainText('data file brown-sentences.csv included');
  await ask.getByRole('button', { name: 'Open the bundle' }).click();
  await expect(
    other.getByRole('article', { name: 'brown-sentences.csv dataset card' }),
  ).toContainText('800 examples', { timeout: 60_000 });
  await expect(other.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await expect(other.getByTestId('val-genre')).toHaveText(genre ?? '');
  await fresh.close();
});

test('weights too large for a link: the dialog says so and offers the bundle', async ({ page }) => {
  await page.goto('./#preset=hps&epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  // 784 × 4,096 weights in the first layer: over 3 MB at 8 bits each.
  await page.locator('.react-flow__node[data-id="trunk-1"]').click();
  const units = page.getByRole('spinbutton', { name: 'Units' });
  await units.fill('4096');
  await units.press('Enter');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('status')).toContainText('Paused after step 1', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this model' });
  await expect(dialog).toContainText('over the 1.5 MB links can carry', { timeout: 30_000 });
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).not.toHaveValue(/weights=/);
  await expect(dialog.getByTestId('share-link-size')).toContainText('settings only');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download bundle' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('MNIST_digits-bundle.zip');
});
