import { expect, test, type Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';

const fixture = (name: string) => `e2e/fixtures/${name}`;

/** One real PNG, taken from a fixture archive. */
const fashionPng = () => {
  const files = unzipSync(new Uint8Array(readFileSync(fixture('fashion-folders.zip'))));
  return Object.entries(files).find(([name]) => name.endsWith('.png'))![1];
};

async function ready(page: Page) {
  await expect(page.getByRole('status').first()).toContainText('Ready', { timeout: 90_000 });
}

test('a CSV with two label columns becomes two tasks that both train', async ({
  page,
}, testInfo) => {
  await page.goto('./#epochs=8&lr=0.003');
  await ready(page);
  await page.getByLabel('Import a file').setInputFiles(fixture('brown-sentences.csv'));
  const form = page.getByRole('form', { name: 'Import brown-sentences.csv' });
  await expect(form).toContainText('800 rows, 4 columns');
  await expect(form.getByLabel('Text column')).toHaveValue('sentence');
  await expect(form.getByRole('checkbox', { name: /genre/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: /mode/ })).toBeChecked();
  await form.screenshot({ path: testInfo.outputPath('import-form.png') });
  await form.getByRole('button', { name: 'Use this dataset' }).click();

  const card = page.getByRole('article', { name: 'brown-sentences.csv dataset card' });
  await expect(card).toContainText('800 examples');
  await ready(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Training finished', {
    timeout: 120_000,
  });
  const genre = Number(await page.getByTestId('val-genre').textContent());
  const mode = Number(await page.getByTestId('val-mode').textContent());
  console.log(`CSV import: validation genre ${genre}, mode ${mode}`);
  // Fifteen genres: chance 1/15. Two modes: chance 0.5.
  expect(genre).toBeGreaterThan(1 / 15);
  expect(mode).toBeGreaterThan(0.5);
});

test('a CoNLL-U file trains a two-tag sequence model far above the majority tag', async ({
  page,
}, testInfo) => {
  await page.goto('./#epochs=6&lr=0.003');
  await ready(page);
  await page.getByLabel('Import a file').setInputFiles(fixture('brown-tagged.conllu'));
  const form = page.getByRole('form', { name: 'Import brown-tagged.conllu' });
  await expect(form).toContainText('600 sentences');
  await expect(form.getByRole('checkbox', { name: /upos/ })).toBeChecked();
  await form.getByRole('checkbox', { name: /xpos/ }).check();
  await form.getByRole('button', { name: 'Use this dataset' }).click();

  const card = page.getByRole('article', { name: 'brown-tagged.conllu dataset card' });
  await expect(card).toContainText('600 examples');
  await card.getByText('Preview').click();
  await card.screenshot({ path: testInfo.outputPath('conllu-card.png') });
  await ready(page);
  const backend = (await page.getByTestId('backend-name').textContent())?.trim() ?? '?';
  testInfo.annotations.push({ type: 'backend', description: backend });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Training finished', {
    timeout: 150_000,
  });
  const upos = Number(await page.getByTestId('val-upos').textContent());
  const xpos = Number(await page.getByTestId('val-xpos').textContent());
  console.log(`CoNLL-U import on ${backend}: validation token accuracy upos ${upos}, xpos ${xpos}`);
  // The majority tag (NOUN) is about 23% of tokens in this sample.
  expect(upos).toBeGreaterThan(0.5);
  expect(xpos).toBeGreaterThan(0.3);
});

test('a broken file is refused with its line number, and the current dataset stays', async ({
  page,
}) => {
  await page.goto('./');
  await ready(page);
  await page.getByLabel('Import a file').setInputFiles(fixture('broken.conllu'));
  await expect(page.getByRole('alert').filter({ hasText: 'broken.conllu' })).toHaveText(
    'broken.conllu, line 42: expected 10 tab-separated fields, found 6.',
  );
  await expect(page.getByRole('article', { name: 'MNIST digits dataset card' })).toBeVisible();
  await page
    .getByLabel('Import a file')
    .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toHaveText(
    'empty.csv: the file is empty.',
  );
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status').first()).toContainText('Training');
});

test('a ZIP of class folders, and a ZIP with a label CSV, become image datasets that train', async ({
  page,
}, testInfo) => {
  await page.goto('./#epochs=10');
  await ready(page);
  await page.getByLabel('Import a file').setInputFiles(fixture('fashion-folders.zip'));
  const form = page.getByRole('form', { name: 'Import fashion-folders.zip' });
  await expect(form).toContainText('240 images, labels from folder names');
  await expect(form.getByRole('checkbox', { name: /class/ })).toBeChecked();
  await form.getByLabel('Size (pixels)').selectOption('16');
  await form.getByRole('button', { name: 'Use this dataset' }).click();
  const card = page.getByRole('article', { name: 'fashion-folders.zip dataset card' });
  await expect(card).toContainText('240 examples');
  await card.getByText('Preview').click();
  await expect(card.getByRole('img', { name: 'Sneaker' }).first()).toBeVisible();
  await card.screenshot({ path: testInfo.outputPath('folders-card.png') });
  await ready(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Training finished', {
    timeout: 120_000,
  });
  // Three classes (trousers, sneakers, bags): chance is 1/3.
  expect(Number(await page.getByTestId('val-class').textContent())).toBeGreaterThan(0.6);

  await page.getByLabel('Import a file').setInputFiles(fixture('fashion-labels.zip'));
  const mapped = page.getByRole('form', { name: 'Import fashion-labels.zip' });
  await expect(mapped).toContainText('240 images, labels from the CSV file');
  await expect(mapped.getByRole('checkbox', { name: /article/ })).toBeChecked();
  await expect(mapped.getByRole('checkbox', { name: /kind/ })).toBeChecked();
  await mapped.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(
    page.getByRole('article', { name: 'fashion-labels.zip dataset card' }),
  ).toContainText('article 4 classes');
  await ready(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Training finished', {
    timeout: 120_000,
  });
  // Four articles (chance 1/4) and their three kinds (largest share 1/2).
  expect(Number(await page.getByTestId('val-article').textContent())).toBeGreaterThan(0.5);
  expect(Number(await page.getByTestId('val-kind').textContent())).toBeGreaterThan(0.6);

  // A file named like an image that is not one.
  await page.getByLabel('Import a file').setInputFiles({
    name: 'fake.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(
      zipSync({ 'a/one.png': fashionPng(), 'b/two.png': new TextEncoder().encode('not a png') }),
    ),
  });
  await page
    .getByRole('form', { name: 'Import fake.zip' })
    .getByRole('button', { name: 'Use this dataset' })
    .click();
  await expect(page.getByRole('alert').filter({ hasText: 'fake.zip' })).toHaveText(
    'fake.zip: b/two.png is not an image this browser can read.',
  );

  await page.getByLabel('Import a file').setInputFiles(fixture('no-images.zip'));
  await expect(page.getByRole('alert').filter({ hasText: 'no-images.zip' })).toHaveText(
    'no-images.zip: the archive holds no images (.png, .jpg, .gif, .bmp, .webp).',
  );
  await expect(
    page.getByRole('article', { name: 'fashion-labels.zip dataset card' }),
  ).toBeVisible();
});
