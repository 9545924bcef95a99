import { expect, test, type Locator, type Page } from '@playwright/test';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, kind: 'source' | 'target') =>
  node(page, id).locator(`.react-flow__handle.${kind}`);

/** Draws a connection by dragging from one node's output port to another's input port. */
async function connect(page: Page, from: string, to: string) {
  const source = await handle(page, from, 'source').boundingBox();
  const target = await handle(page, to, 'target').boundingBox();
  if (!source || !target) throw new Error(`ports of ${from} → ${to} not visible`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Drags a palette item onto the canvas at a point given as fractions of the canvas size. */
async function drop(page: Page, item: string, fx: number, fy: number) {
  const canvas = page.getByTestId('model-canvas');
  const box = (await canvas.boundingBox())!;
  await page
    .locator(`[data-palette="${item}"]`)
    .dragTo(canvas, { targetPosition: { x: box.width * fx, y: box.height * fy } });
}

const trainButton = (page: Page): Locator => page.getByRole('button', { name: 'Train' });

test('build a two-head hard-sharing network from an empty canvas by drag-and-drop, and train it', async ({
  page,
}, testInfo) => {
  await page.goto('./#epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(trainButton(page)).toBeDisabled();
  await expect(page.locator('#train-blocker')).toHaveText(
    'Fix the model first: Add at least one task head.',
  );

  // Input at the top left; shared layers below it; two heads at the bottom.
  await drop(page, 'flatten', 0.25, 0.35);
  await drop(page, 'dense', 0.25, 0.55);
  await drop(page, 'head', 0.15, 0.8);
  await drop(page, 'head', 0.55, 0.8);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  // A dropped head takes the first task without one: Digit, then Parity.
  await expect(node(page, 'head-n1')).toContainText('Digit');
  await expect(node(page, 'head-n2')).toContainText('Parity');
  await expect(node(page, 'head-n1')).toContainText('Not connected');

  await connect(page, 'input', 'flatten-n1');
  await connect(page, 'flatten-n1', 'dense-n1');
  await connect(page, 'dense-n1', 'head-n1');
  await connect(page, 'dense-n1', 'head-n2');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Shapes on edges and nodes, parameters counted by hand: 784·64+64, then 64·10+10 and 64·2+2.
  await expect(page.locator('.react-flow__edge-text').first()).toHaveText('[28×28×1]');
  await expect(node(page, 'dense-n1')).toContainText('[64]');
  await expect(page.getByTestId('builder-status')).toHaveText(
    `Valid · ${Math.round((784 * 64 + 64 + 64 * 10 + 10 + 64 * 2 + 2) / 1000)}k parameters`,
  );
  await page.screenshot({ path: testInfo.outputPath('built-by-hand.png') });

  await expect(trainButton(page)).toBeEnabled();
  await trainButton(page).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  // One epoch on 8,000 digits: far above chance (0.1 and 0.5).
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.6);
  expect(Number(await page.getByTestId('val-parity').textContent())).toBeGreaterThan(0.65);
  // A head-less task is not trained or charted.
  await expect(page.getByTestId('val-high')).toHaveCount(0);
  // The drawn model travels in the link.
  expect(page.url()).toContain('model=');
});

test('MMoE preset: more experts and a hotter gate, trained, every head learns', async ({
  page,
}) => {
  await page.goto('./#epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByLabel('Preset').selectOption('mmoe');
  await expect(node(page, 'experts-shared')).toContainText('4 experts');

  await node(page, 'experts-shared').click();
  const experts = page.getByRole('spinbutton', { name: 'Experts' });
  await experts.fill('3');
  await experts.press('Enter');
  await expect(node(page, 'experts-shared')).toContainText('3 experts');
  // The gate now has 784·3 + 3 parameters (it was 784·4 + 4).
  await expect(node(page, 'gate-digit')).toContainText(
    `${((784 * 3 + 3) / 1000).toFixed(1)}k params`,
  );

  await node(page, 'gate-digit').click();
  await page
    .getByRole('complementary', { name: 'Node settings' })
    .getByRole('slider', { name: 'Gate temperature' })
    .fill('2');
  await expect(node(page, 'gate-digit')).toContainText('T = 2');
  await expect(page.getByLabel('Gate temperature for Digit', { exact: true })).toHaveValue('2');
  await expect(page.getByLabel('Preset')).toHaveValue('custom');
  expect(page.url()).toContain('g.digit=2');

  await trainButton(page).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.6);
  expect(Number(await page.getByTestId('val-parity').textContent())).toBeGreaterThan(0.65);
  expect(Number(await page.getByTestId('val-high').textContent())).toBeGreaterThan(0.65);

  // The link reopens the same drawn model.
  const again = await page.context().newPage();
  await again.goto(page.url());
  await expect(node(again, 'experts-shared')).toContainText('3 experts');
  await expect(node(again, 'gate-digit')).toContainText('T = 2');
  await again.close();
});

test('an invalid graph disables Train and says why on the node; undo, delete and arrows work', async ({
  page,
}) => {
  await page.goto('./#epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });

  await node(page, 'head-parity').click();
  const classes = page.getByRole('spinbutton', { name: 'Classes' });
  await classes.fill('7');
  await classes.press('Enter');
  const problem = 'Task "Parity" has 2 classes; the head outputs 7.';
  await expect(node(page, 'head-parity')).toContainText(problem);
  await expect(trainButton(page)).toBeDisabled();
  await expect(page.locator('#train-blocker')).toHaveText(`Fix the model first: ${problem}`);
  await expect(page.getByTestId('builder-status')).toHaveText('1 problem to fix');

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(node(page, 'head-parity')).not.toContainText(problem);
  await expect(trainButton(page)).toBeEnabled();

  // Delete a shared layer: the layer after it is cut off from the input.
  await node(page, 'trunk-1').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'trunk-1')).toHaveCount(0);
  await expect(node(page, 'trunk-2')).toContainText('Not connected');
  await expect(trainButton(page)).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(node(page, 'trunk-1')).toHaveCount(1);
  await expect(trainButton(page)).toBeEnabled();
  await page.keyboard.press('Control+Shift+z');
  await expect(node(page, 'trunk-1')).toHaveCount(0);
  await page.keyboard.press('Control+z');

  // Arrow keys move the focused node.
  await node(page, 'trunk-2').focus();
  await page.keyboard.press('Enter');
  const before = (await node(page, 'trunk-2').boundingBox())!;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const after = (await node(page, 'trunk-2').boundingBox())!;
  expect(after.x).toBeGreaterThan(before.x);

  // A loop is refused by name.
  await connect(page, 'trunk-2', 'trunk-0');
  await expect(node(page, 'trunk-0')).toContainText('makes a loop');
});

test('the autoencoder preset trains its reconstruction head beside the labelled tasks', async ({
  page,
}) => {
  await page.goto('./#preset=autoencoder&epochs=2&autotrain=1');
  await expect(node(page, 'head-reconstruction')).toContainText('[28×28×1]');
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 150_000 });
  const mse = Number(await page.getByTestId('val-reconstruction').textContent());
  console.log(`reconstruction validation MSE after 2 epochs: ${mse}`);
  // On these digits a blank image scores 0.113 and the mean image 0.0675: the decoder must beat
  // the mean image by a clear margin, while the labelled tasks still learn.
  expect(mse).toBeLessThan(0.055);
  expect(Number(await page.getByTestId('val-digit').textContent())).toBeGreaterThan(0.6);
});
