import { expect, test, type Page } from '@playwright/test';

/** What has focus now: a stable key, its name, and whether a focus indicator is drawn. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    el.dataset.kbd ??= String(Math.random());
    const style = getComputedStyle(el);
    // An edge of the graph shows focus by its stroke, not by an outline.
    const path = el.matches('.react-flow__edge')
      ? el.querySelector('.react-flow__edge-path')
      : null;
    const ring = path
      ? getComputedStyle(path).strokeWidth === '3px'
      : (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none';
    const name =
      el.getAttribute('aria-label') ||
      el.textContent?.trim().slice(0, 40) ||
      el.tagName.toLowerCase();
    return { key: el.dataset.kbd, name, ring };
  });

/** Every control a mouse user can reach: visible, enabled, interactive. */
const controls = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])',
      ),
    ]
      .filter((el) => !(el as HTMLButtonElement).disabled && el.checkVisibility())
      // The graph editor's own pane and wrapper are not controls; its nodes are.
      .filter((el) => !el.matches('.react-flow__pane, .react-flow__renderer, .react-flow'))
      .map((el) => {
        el.dataset.kbd ??= String(Math.random());
        return {
          key: el.dataset.kbd,
          name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 40) || el.tagName,
        };
      }),
  );

test('every control is reached with Tab and shows a focus ring; training runs from the keyboard', async ({
  page,
}) => {
  await page.goto('./#epochs=1');
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 60_000 });
  const all = await controls(page);
  const reached = new Map<string, { name: string; ring: boolean }>();
  for (let i = 0; i < 600 && reached.size < all.length + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f) reached.set(f.key, f);
  }
  const missed = all.filter((c) => !reached.has(c.key)).map((c) => c.name);
  expect(missed).toEqual([]);
  const withoutRing = [...reached.values()].filter((f) => !f.ring).map((f) => f.name);
  expect(withoutRing).toEqual([]);

  // Operable: Train with Enter, the loss weight with arrow keys, Pause with Space.
  await page.getByRole('button', { name: 'Train', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Training');
  await page.getByRole('button', { name: 'Pause' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toContainText('Paused');
  const weight = page.getByRole('slider', { name: 'Loss weight for Parity' });
  await weight.focus();
  const before = Number(await weight.inputValue());
  await page.keyboard.press('ArrowRight');
  expect(Number(await weight.inputValue())).toBeGreaterThan(before);
});
