import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

const status = (page: Page) => page.getByRole('status');
const player = (page: Page) => page.getByRole('region', { name: /^Lesson/ });

async function trainToEnd(page: Page, start: () => Promise<void>) {
  await expect(status(page)).toContainText('Ready', { timeout: 60_000 });
  await start();
  await expect(status(page)).not.toContainText('Ready');
  await expect(status(page)).toHaveText('Training finished', { timeout: 120_000 });
}

const articleAccuracy = async (page: Page) =>
  Number(await page.getByTestId('val-item').textContent());

test('lesson 3 end to end: a ×100 loss swamps the article task, uncertainty weighting and GradNorm bring it back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('./#lesson=3');
  const lesson = player(page);
  await expect(lesson.getByRole('heading', { level: 2 })).toHaveText('Lesson 3 · Loss scales');
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 1 of 4');
  await expect(lesson.getByLabel('Question for the class')).toContainText('?');
  await expect(page.getByText('Fashion-MNIST').first()).toBeVisible();
  expect(page.url()).toContain('lesson=loss-scales&step=1');

  const train = () => page.getByRole('button', { name: 'Train', exact: true }).click();
  await trainToEnd(page, train);
  const equal = await articleAccuracy(page);

  await lesson.getByRole('button', { name: 'Next step →' }).click();
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 2 of 4');
  await expect(page.getByLabel('Loss weight for Clothing / footwear / bag')).toHaveValue('100');
  expect(page.url()).toContain('w.kind=100');
  await trainToEnd(page, train);
  const swamped = await articleAccuracy(page);

  await lesson.getByRole('button', { name: 'Next step →' }).click();
  await expect(page.getByLabel('Strategy')).toHaveValue('uncertainty');
  await trainToEnd(page, train);
  const uncertainty = await articleAccuracy(page);

  // The presenter's keys: N for the next step, Space to train.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 4 of 4');
  await expect(page.getByLabel('Strategy')).toHaveValue('gradnorm');
  await trainToEnd(page, () => page.keyboard.press(' '));
  const gradNorm = await articleAccuracy(page);

  console.log(
    `article accuracy: equal ${equal}, kind ×100 ${swamped}, uncertainty ${uncertainty}, GradNorm ${gradNorm}`,
  );
  // The effect the lesson teaches, by a wide margin (measured: 0.79 → 0.61 → 0.79 / 0.79).
  expect(swamped).toBeLessThan(equal - 0.1);
  expect(uncertainty).toBeGreaterThan(swamped + 0.1);
  expect(gradNorm).toBeGreaterThan(swamped + 0.1);
  await expect(page.locator('.runs-table tbody tr')).toHaveCount(4);

  // Reset this step: a changed setting goes back to the step's own.
  await page.getByLabel('Strategy').selectOption('static');
  await lesson.getByRole('button', { name: 'Reset this step' }).click();
  await expect(page.getByLabel('Strategy')).toHaveValue('gradnorm');
  // P (or Page Up) goes back; the step buttons jump.
  await page.keyboard.press('PageUp');
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 3 of 4');
  await lesson.getByRole('button', { name: /^Go to step 1:/ }).click();
  await expect(page.getByLabel('Loss weight for Clothing / footwear / bag')).toHaveValue('1');
  await expect(lesson.getByRole('button', { name: '← Previous' })).toBeDisabled();

  await lesson.getByRole('button', { name: 'Leave lesson' }).click();
  await expect(player(page)).toHaveCount(0);
  expect(page.url()).not.toContain('lesson=');
});

test('a teacher writes a two-step lesson, shares its link, and a fresh browser steps through it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await page.goto('./#dataset=fashion&epochs=1');
  await expect(status(page)).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: 'Write a lesson' }).click();

  const editor = page.getByRole('region', { name: 'Write a lesson' });
  await editor.getByLabel('Lesson title').fill('Weights in two steps');
  await editor.getByLabel('What the class will see (one sentence)').fill('Equal, then learned.');
  await editor.getByLabel('Step 1 title').fill('Equal weights');
  await editor.getByLabel('What to say (a blank line starts a paragraph)').fill('Press Train.');
  await editor.getByLabel('Question for the class').fill('Which task learns faster?');
  await expect(editor.getByTestId('draft-setup-1')).toHaveText(
    'Fashion-MNIST · Hard parameter sharing · Static (your weights) · 1 epoch · seed 1',
  );

  // Change the app, record it as step 2.
  await page.getByLabel('Strategy').selectOption('uncertainty');
  await editor.getByRole('button', { name: 'Record setup as a new step' }).click();
  const second = editor.getByRole('listitem', { name: 'Step 2' });
  await second.getByLabel('Step 2 title').fill('Learned weights');
  await second.getByLabel('What to say (a blank line starts a paragraph)').fill('Train again.');
  await second.getByLabel('Question for the class').fill('Which weight grew? Why?');
  await expect(editor.getByTestId('draft-setup-2')).toContainText('Uncertainty weighting');

  // The file carries the same lesson.
  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Download lesson file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Weights_in_two_steps.lesson.json');
  const saved = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
    format: string;
    steps: { title: string; setup: string }[];
  };
  expect(saved.format).toBe('multitask-playground-lesson');
  expect(saved.steps.map((s) => s.title)).toEqual(['Equal weights', 'Learned weights']);
  expect(saved.steps[1].setup).toContain('strategy=uncertainty');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await editor.getByRole('button', { name: 'Copy lesson link' }).click();
  await expect(editor.getByRole('button', { name: 'Lesson link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#lesson.code=');
  console.log(`lesson link: ${link.length} characters`);

  // A fresh browser: nothing but the link.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const lesson = player(other);
  await expect(lesson.getByRole('heading', { level: 2 })).toHaveText(
    'Lesson · Weights in two steps',
  );
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 1 of 2');
  await expect(lesson.getByRole('heading', { level: 3 })).toHaveText('Equal weights');
  await expect(lesson.getByLabel('Question for the class')).toContainText(
    'Which task learns faster?',
  );
  await expect(other.getByLabel('Strategy')).toHaveValue('static');
  await expect(other.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('1');
  await expect(status(other)).toContainText('Ready', { timeout: 60_000 });

  await lesson.getByRole('button', { name: 'Next step →' }).click();
  await expect(lesson.getByTestId('lesson-position')).toHaveText('Step 2 of 2');
  await expect(lesson.getByRole('heading', { level: 3 })).toHaveText('Learned weights');
  await expect(other.getByLabel('Strategy')).toHaveValue('uncertainty');
  await expect(lesson.getByRole('button', { name: 'Next step →' })).toBeDisabled();
  await trainToEnd(other, () => other.getByRole('button', { name: 'Train', exact: true }).click());

  // A reload stays in the lesson, at the same step.
  await other.reload();
  await expect(player(other).getByTestId('lesson-position')).toHaveText('Step 2 of 2');
  await expect(other.getByLabel('Strategy')).toHaveValue('uncertainty');
  await fresh.close();
});

test('a file that is not a lesson is refused by name, and the work on screen stays', async ({
  page,
}) => {
  await page.goto('./#dataset=fashion&epochs=2');
  await expect(status(page)).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByLabel('Lesson file', { exact: true }).setInputFiles({
    name: 'notes.lesson.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"title": "half a lesson", "steps": [{"title": 3}]}'),
  });
  await expect(page.getByTestId('banner')).toContainText('notes.lesson.json');
  await expect(page.getByTestId('banner')).toContainText('your work is unchanged');
  await expect(player(page)).toHaveCount(0);
  expect(page.url()).toContain('dataset=fashion');
  await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('2');
});

test('presenter mode at 1920×1080: large type, thick curves, high contrast, full-screen charts', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./#lesson=loss-scales&step=2');
  await expect(status(page)).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Light → dark → high contrast.
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await page.getByRole('button', { name: 'Switch to the high-contrast theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await trainToEnd(page, () => page.getByRole('button', { name: 'Train', exact: true }).click());

  const lessonText = page.locator('.lesson-text').first();
  const size = await lessonText.evaluate((el) => {
    const zoom = Number(getComputedStyle(el.closest('.app')!).zoom);
    return Number.parseFloat(getComputedStyle(el).fontSize) * zoom;
  });
  expect(size).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: testInfo.outputPath('presenter-lesson.png') });
  // Charts are drawn while on screen.
  await page
    .getByRole('figure', { name: 'Clothing / footwear / bag loss' })
    .scrollIntoViewIfNeeded();
  const stroke = await page
    .locator('.recharts-line-curve')
    .first()
    .evaluate((el) => getComputedStyle(el).strokeWidth);
  expect(stroke).toBe('4px');
  await page.screenshot({ path: testInfo.outputPath('presenter-curves.png') });

  // F: the curves alone, filling the screen; Esc leaves.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  const charts = page.getByRole('region', { name: 'Training curves' });
  await expect(charts).toHaveClass(/full-screen/);
  const box = (await charts.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(1900);
  expect(box.height).toBeGreaterThanOrEqual(1060);
  await page.screenshot({ path: testInfo.outputPath('presenter-charts.png') });
  await page.keyboard.press('Escape');
  await expect(charts).not.toHaveClass(/full-screen/);

  // ? lists the shortcuts.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Next lesson step');
  await shortcuts.getByRole('button', { name: 'Close' }).click();
  await expect(shortcuts).toBeHidden();
});
