import { expect, test, type Locator, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';

/** Draws a polyline on the drawing canvas, in its own 0–280 coordinates. */
async function draw(page: Page, points: [number, number][]) {
  const canvas = page.getByTestId('draw-canvas');
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) =>
    [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

const circle = (cx: number, cy: number, rx: number, ry: number): [number, number][] =>
  Array.from({ length: 33 }, (_, i) => [
    cx + rx * Math.cos((i / 32) * 2 * Math.PI),
    cy + ry * Math.sin((i / 32) * 2 * Math.PI),
  ]);

const percent = async (l: Locator) => Number((await l.textContent())!.replace('%', ''));

test.describe('try the model and look inside', () => {
  test('MNIST MMoE: drawing, temperature, gates, embedding with k-means, experts, and an ensemble of two seeds', async ({
    page,
  }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#preset=mmoe&epochs=1&autotrain=1');
    await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
    testInfo.annotations.push({
      type: 'backend',
      description: (await page.getByTestId('backend-name').textContent()) ?? '?',
    });
    const insight = page.getByRole('region', { name: 'Try the model · look inside' });
    await insight.scrollIntoViewIfNeeded();

    // A vertical stroke is a one; a round loop is not.
    await draw(page, [
      [140, 40],
      [140, 240],
    ]);
    const top = insight.getByTestId('top-digit');
    await expect(top).toHaveText('1');
    await insight.getByRole('button', { name: 'Erase drawing' }).click();
    await draw(page, circle(140, 140, 70, 95));
    await expect(top).not.toHaveText('1');
    const loopTop = await top.textContent();
    console.log(`a drawn one reads as 1, a drawn loop as ${loopTop}`);

    // Temperature: the bars flatten as T rises, the argmax stays.
    const bars = insight.getByTestId('probs-digit');
    const topBar = bars.locator('li.top .prob-value');
    const sure = await percent(topBar);
    const entropyText = async () =>
      Number(
        /Entropy ([\d.]+)/.exec((await insight.getByTestId('entropy-digit').textContent())!)![1],
      );
    const entropyBefore = await entropyText();
    await insight.getByTestId('temperature-digit').fill('1'); // log₁₀ T = 1: T = 10
    await expect(top).toHaveText(loopTop!);
    const flat = await percent(topBar);
    expect(flat).toBeLessThan(sure);
    expect(flat).toBeLessThan(30);
    expect(await entropyText()).toBeGreaterThan(entropyBefore);
    await insight.getByTestId('temperature-digit').fill('-1'); // T = 0.1: nearly certain
    await expect(top).toHaveText(loopTop!);
    expect(await percent(topBar)).toBeGreaterThan(sure - 0.05);

    // The gates of this input: one row per task, four experts each.
    await expect(insight.getByTestId('gate-weights').locator('tbody tr')).toHaveCount(3);
    await page.screenshot({
      path: testInfo.outputPath('try-it.png'),
      fullPage: false,
      clip: (await insight.boundingBox())!,
    });

    // A validation example instead of a drawing: the image, and whether the head got it right.
    await insight.getByRole('button', { name: 'Validation example' }).click();
    await expect(insight.getByRole('img', { name: 'Validation example 1' })).toBeVisible();
    await expect(insight.getByTestId('probs-digit').locator('.verdict')).toHaveText(
      /correct|true:/,
    );
    await insight.getByRole('button', { name: 'Next →' }).click();
    await expect(insight.getByRole('img', { name: 'Validation example 2' })).toBeVisible();

    // The embedding: the validation set projected, clusters scored against every task.
    await insight.getByRole('tab', { name: 'Embedding' }).click();
    await insight.getByRole('button', { name: 'Project the validation set' }).click();
    await expect(insight.getByTestId('embedding-source')).toContainText('4 shared experts');
    await expect(insight.getByRole('listitem').filter({ hasText: /^8 \(/ })).toHaveCount(1);
    await insight.getByRole('button', { name: 'Run k-means' }).click();
    const nmi = Number(await insight.getByTestId('nmi-digit').textContent());
    console.log(`k-means (k = 10) NMI against the digit: ${nmi}`);
    expect(nmi).toBeGreaterThan(0.3);
    await expect(insight.getByTestId('nmi-parity')).toBeVisible();
    // Hovering a point shows its image and label.
    const canvas = insight.getByTestId('embedding-canvas');
    const box = (await canvas.boundingBox())!;
    for (let x = 0.3; x < 0.8; x += 0.05) {
      await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.5);
      if (await insight.getByTestId('embedding-tip').isVisible()) break;
    }
    await expect(insight.getByTestId('embedding-tip').locator('canvas')).toBeVisible();
    await page.screenshot({
      path: testInfo.outputPath('embedding.png'),
      clip: (await insight.boundingBox())!,
    });

    // Expert utilisation: a task × expert heatmap with each gate's state.
    await insight.getByRole('tab', { name: 'Experts' }).click();
    await expect(insight.getByTestId('gate-state-digit')).toHaveText(
      /mixes|collapsed onto shared \d/,
    );
    await expect(insight.getByTestId('expert-usage').locator('tbody tr')).toHaveCount(3);

    // A second run with another seed, then both as an ensemble.
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('2');
    await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
    await insight.getByRole('tab', { name: 'Ensembles' }).click();
    await insight.getByRole('checkbox', { name: 'Run 1' }).check();
    await insight.getByRole('checkbox', { name: 'Run 2' }).check();
    await insight.getByRole('button', { name: 'Evaluate ensemble of 2' }).click();
    const scores = insight.getByTestId('ensemble-scores');
    await expect(scores).toBeVisible({ timeout: 60_000 });
    const soft = await percent(insight.getByTestId('ensemble-soft-digit'));
    const members = await Promise.all(
      [1, 2].map(async (i) =>
        percent(
          scores
            .locator('tbody tr')
            .first()
            .locator('td')
            .nth(i - 1),
        ),
      ),
    );
    console.log(`digit accuracy: members ${members.join(', ')}, soft vote ${soft}`);
    expect(soft).toBeGreaterThan(80);
    expect(soft).toBeGreaterThanOrEqual(Math.min(...members));
    await page.screenshot({
      path: testInfo.outputPath('ensemble.png'),
      clip: (await insight.boundingBox())!,
    });

    const downloading = page.waitForEvent('download');
    await insight.getByRole('button', { name: 'Download ensemble' }).click();
    const files = unzipSync(new Uint8Array(readFileSync(await (await downloading).path())));
    const manifest = JSON.parse(strFromU8(files['ensemble.json']));
    expect(manifest.voting).toBe('soft');
    expect(manifest.members.map((m: { name: string }) => m.name)).toEqual(['Run 1', 'Run 2']);
    for (const m of manifest.members) {
      expect(JSON.parse(strFromU8(files[`${m.path}/model.json`])).format).toBe('layers-model');
      expect(files[`${m.path}/weights.bin`].length).toBeGreaterThan(1000);
    }
    expect(errors).toEqual([]);
  });

  test('Brown tagger: typed text gets a tag chip per token; the embedding has a token view', async ({
    page,
  }, testInfo) => {
    await page.goto('./#dataset=brown5k&epochs=6&autotrain=1');
    await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
    const insight = page.getByRole('region', { name: 'Try the model · look inside' });
    const sentence = insight.getByLabel('Sentence');
    await sentence.fill('The old man walked to the house .');
    const chips = insight.getByTestId('tags-upos').locator('li');
    await expect(chips).toHaveCount(8);
    await expect(chips.first()).toContainText('The');
    // Each chip names its tag in words, not only by colour.
    const tags = await insight.getByTestId('tags-upos').locator('.tag-name').allTextContents();
    console.log(`UPOS tags: ${tags.join(' ')}`);
    // After six short epochs the articles and the full stop are tagged right.
    expect(tags[0]).toBe('DET');
    expect(tags[5]).toBe('DET');
    expect(tags[7]).toBe('.');
    await expect(insight.getByTestId('probs-genre')).toBeVisible();
    await page.screenshot({
      path: testInfo.outputPath('try-text.png'),
      clip: (await insight.boundingBox())!,
    });

    await insight.getByRole('tab', { name: 'Embedding' }).click();
    await insight.getByRole('button', { name: 'Project the validation set' }).click();
    await insight.getByRole('button', { name: 'Tokens', exact: true }).click();
    await insight.getByLabel('Colour by').selectOption('upos');
    await insight.getByRole('button', { name: 'Run k-means' }).click();
    await expect(insight.getByTestId('nmi-upos')).toHaveText(/0\.\d{3}/);
  });

  test('the autoencoder head shows validation images beside their reconstructions', async ({
    page,
  }) => {
    await page.goto('./#preset=autoencoder&epochs=1&autotrain=1');
    await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
    const insight = page.getByRole('region', { name: 'Try the model · look inside' });
    await insight.getByRole('tab', { name: 'Autoencoder' }).click();
    await expect(insight.getByTestId('reconstructions').locator('.pair')).toHaveCount(8);
    await expect(insight.getByRole('img', { name: 'rebuilt' })).toHaveCount(8);
  });
});
