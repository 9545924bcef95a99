import { expect, test } from '@playwright/test';

test('the Brown corpus trains a tagger and sentence classifiers on one encoder', async ({
  page,
}, testInfo) => {
  await page.goto('./#epochs=2&lr=0.003');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByLabel('Built-in dataset').selectOption({ label: 'Brown corpus, 5k sentences' });

  const card = page.getByRole('article', { name: 'Brown corpus, 5k sentences dataset card' });
  await expect(card).toContainText('5,000 examples');
  await expect(card).toContainText('Universal POS');
  await expect(
    card.getByRole('img', { name: /Universal POS class balance: \. \d+, ADJ \d+/ }),
  ).toBeVisible();
  await card.getByText('Preview').click();
  await expect(card.getByRole('rowheader', { name: 'upos' }).first()).toBeVisible();
  await card.screenshot({ path: testInfo.outputPath('brown-card.png') });

  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  const backend = (await page.getByTestId('backend-name').textContent())?.trim() ?? '?';
  testInfo.annotations.push({ type: 'backend', description: backend });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 170_000 });
  // The majority tag (NOUN) covers about 23% of tokens.
  const upos = Number(await page.getByTestId('val-upos').textContent());
  console.log(`Brown 5k on ${backend}: validation UPOS token accuracy ${upos}`);
  expect(upos).toBeGreaterThan(0.6);

  // Diagnostics: per-tag scores, and the worst sentence with its wrong tags marked.
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  await diagnostics.getByRole('tab', { name: 'Universal POS' }).click();
  const scores = diagnostics.getByRole('table', { name: 'Universal POS precision, recall and F1' });
  await expect(scores.getByRole('rowheader', { name: 'NOUN' })).toBeVisible();
  const nounF1 = Number(
    await scores.getByRole('row', { name: /^NOUN/ }).getByRole('cell').nth(2).textContent(),
  );
  expect(nounF1).toBeGreaterThan(0.5);
  await expect(diagnostics.locator('.tag-chip.wrong').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('brown-trained.png'), fullPage: true });
});

test('image datasets show their cards with previews, and MultiMNIST learns both digits', async ({
  page,
}, testInfo) => {
  await page.goto('./');
  const mnist = page.getByRole('article', { name: 'MNIST digits dataset card' });
  await expect(mnist).toContainText('even · odd');
  await mnist.getByText('Preview').click();
  await mnist.screenshot({ path: testInfo.outputPath('mnist-card.png') });

  await page.goto('./#dataset=fashion');
  const fashion = page.getByRole('article', { name: 'Fashion-MNIST dataset card' });
  await expect(fashion).toContainText('5,000 examples');
  await fashion.getByText('Preview').click();
  await expect(fashion.getByRole('img', { name: 'Ankle boot · footwear' }).first()).toBeVisible();
  await fashion.screenshot({ path: testInfo.outputPath('fashion-card.png') });

  await page.getByLabel('Built-in dataset').selectOption({ label: 'MultiMNIST' });
  const multi = page.getByRole('article', { name: 'MultiMNIST dataset card' });
  await expect(multi).toContainText('10,000 examples');
  await multi.getByText('Preview').click();
  await multi.screenshot({ path: testInfo.outputPath('multimnist-card.png') });
  await expect(page).toHaveURL(/dataset=multimnist/);

  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Epochs' }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  // Chance is 0.1 for each digit.
  expect(Number(await page.getByTestId('val-left').textContent())).toBeGreaterThan(0.5);
  expect(Number(await page.getByTestId('val-right').textContent())).toBeGreaterThan(0.5);
});

test('State of the Union: party, era and year (a regression task) train together', async ({
  page,
}) => {
  await page.goto('./#dataset=sotu&epochs=2&lr=0.003');
  const card = page.getByRole('article', { name: 'State of the Union sentences dataset card' });
  await expect(card).toContainText('8,000 examples');
  await expect(card).toContainText('Year');
  await expect(card).toContainText('1790–1860 · 1861–1932 · 1933–1980 · 1981–2021');
  await card.screenshot({ path: test.info().outputPath('sotu-card.png') });
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 170_000 });
  const era = Number(await page.getByTestId('val-era').textContent());
  const year = Number(await page.getByTestId('val-year').textContent());
  console.log(`SOTU: validation era accuracy ${era}, year MSE (standardised) ${year}`);
  // Four eras, the largest 38%: chance is well below 0.45. A constant guess has standardised MSE 1.
  expect(era).toBeGreaterThan(0.45);
  expect(year).toBeLessThan(0.9);

  // The regression head's diagnostics: predicted against true, and its largest errors.
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  await diagnostics.getByRole('tab', { name: 'Year' }).click();
  const scatter = diagnostics.getByRole('figure', { name: 'Year predicted against true' });
  await scatter.scrollIntoViewIfNeeded();
  await expect(scatter.locator('.recharts-scatter-symbol').first()).toBeVisible();
  expect(await scatter.locator('.recharts-scatter-symbol').count()).toBeGreaterThan(100);
  await expect(diagnostics.locator('.worst-texts li')).toHaveCount(8);
});
