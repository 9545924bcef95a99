// From a cold page load to the first finished training step, as a visitor experiences it: a
// fresh browser context (nothing cached, no stored workspace), the default setup, Train
// pressed as soon as it can be.

/** Milliseconds since navigation start, measured in the page. */
const sinceLoad = (page, predicate) =>
  page
    .waitForFunction(predicate, undefined, { polling: 'raf', timeout: 180_000 })
    .then((handle) => handle.jsonValue());

export async function measureFirstStep(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(base);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.waitFor({ state: 'visible', timeout: 180_000 });
    const trainShownMs = await page.evaluate(() => performance.now());
    await train.click({ timeout: 180_000 });
    const firstStepMs = await sinceLoad(page, () => {
      const text = document.querySelector('.progress-text')?.textContent ?? '';
      return /step [1-9]/.test(text) ? performance.now() : false;
    });
    const backend = (await page.getByTestId('backend-name').textContent())?.trim() ?? null;
    await page.getByRole('button', { name: 'Pause' }).click();
    return {
      scenario: 'cold load, default setup, Train pressed as soon as shown',
      backend,
      trainShownMs: Math.round(trainShownMs),
      firstStepMs: Math.round(firstStepMs),
    };
  } finally {
    await context.close();
  }
}
