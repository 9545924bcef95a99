import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('worker', (w) => {
  console.log('worker started', w.url());
});
await page.goto(process.argv[2] ?? 'http://127.0.0.1:4173/#epochs=1');
for (let i = 0; i < Number(process.argv[3] ?? 10); i++) {
  await page.waitForTimeout(1000);
  console.log(
    i,
    await page.locator('.status').textContent(),
    '|',
    await page.getByTestId('backend-name').textContent(),
  );
}
await page.screenshot({ path: process.argv[4] ?? '/tmp/shot.png', fullPage: true });
await browser.close();
