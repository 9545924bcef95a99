import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  // Every policy violation the page sees, kept for the assertions.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
});

const violations = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test('a strict Content-Security-Policy holds while the app trains, draws and inspects', async ({
  page,
}) => {
  const response = await page.goto('./#epochs=1');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
  ).toContain("default-src 'self'");
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Training finished', { timeout: 120_000 });
  // WASM compiled under the policy (the backend that trained says so).
  await expect(page.getByTestId('backend-name')).toHaveText(/wasm|webgl|cpu|webgpu/);
  await page.getByRole('tab', { name: 'Embedding' }).click();
  await page.getByRole('button', { name: 'Project the validation set' }).click();
  await expect(page.getByTestId('embedding-canvas')).toBeVisible({ timeout: 60_000 });
  // Nothing the app did (training, charts, the graph editor, the embedding) needed more than
  // the policy allows.
  expect(await violations(page)).toEqual([]);
  // Code from a string is refused in the page and in the worker. (DevTools' own evaluation is
  // exempt from the policy, so the string goes through a timer, which runs after it.)
  const fromString = () =>
    new Promise<string>((resolve) => {
      const scope = globalThis as unknown as { ran?: boolean; setTimeout: (code: string) => void };
      scope.setTimeout('globalThis.ran = true');
      setTimeout(() => resolve(scope.ran ? 'ran' : 'blocked'), 100);
    });
  expect(await page.evaluate(fromString)).toBe('blocked');
  expect(await page.workers()[0].evaluate(fromString)).toBe('blocked');
});

test('labels with HTML in a user’s file are shown as text, never as markup', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto('./');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  const evil = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>'];
  const rows = Array.from(
    { length: 40 },
    (_, i) => `review number ${i} was ${i % 2 ? 'good' : 'bad'},"${evil[i % 2]}"`,
  );
  await page.getByLabel('Import a file').setInputFiles({
    name: 'evil.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['text,label', ...rows].join('\n')),
  });
  const form = page.getByRole('form', { name: 'Import evil.csv' });
  await expect(form).toContainText('<script>alert(2)</script>');
  await form.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  await expect(page.getByText('<img src=x onerror=alert(1)>').first()).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('a #bundle= link to anything but https is refused before any fetch', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('./#bundle=http://example.com/evil.zip');
  await expect(page.getByTestId('banner')).toContainText('https:// addresses only');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  expect(requests.filter((u) => u.includes('example.com'))).toEqual([]);
});
