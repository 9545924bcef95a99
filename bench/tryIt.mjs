// The Try it panel under a hand: strokes drawn on the canvas of a trained MMoE model, with the
// model idle and while it trains. Measured in the page: long tasks, and the lag from a stroke's last pointer move until the panel shows the answer to it
// (the output's aria-busy turns false once the latest question is answered and drawn).

const STROKES = 8;

/** A stroke: a zigzag over the canvas, `moves` pointer moves long. */
async function stroke(page, box, index) {
  const x0 = box.x + box.width * (0.25 + 0.05 * (index % 4));
  const y0 = box.y + box.height * 0.15;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) {
    const x = x0 + (i % 2 ? 0.3 : 0) * box.width;
    const y = y0 + (i / 30) * box.height * 0.7;
    await page.mouse.move(x, y, { steps: 3 });
  }
  await page.mouse.up();
}

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function drawStrokes(page) {
  const insight = page.locator('.insight');
  await insight.scrollIntoViewIfNeeded();
  const canvas = insight.getByTestId('draw-canvas');
  const box = await canvas.boundingBox();
  await page.evaluate(() => {
    const w = window;
    w.__long = [];
    w.__idle = [];
    w.__moves = [];
    // A new run rebuilds the panel: watch its current elements, and only them.
    w.__stopWatching?.();
    const longTasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    });
    longTasks.observe({ type: 'longtask' });
    const output = document.querySelector('.try-output');
    const answers = new MutationObserver(() => {
      if (output.getAttribute('aria-busy') === 'false') w.__idle.push(performance.now());
    });
    answers.observe(output, { attributes: true, attributeFilter: ['aria-busy'] });
    const canvas = document.querySelector('[data-testid="draw-canvas"]');
    const onMove = () => w.__moves.push(performance.now());
    canvas.addEventListener('pointermove', onMove);
    w.__stopWatching = () => {
      longTasks.disconnect();
      answers.disconnect();
      canvas.removeEventListener('pointermove', onMove);
    };
  });
  const strokes = [];
  for (let i = 0; i < STROKES; i++) {
    const start = await page.evaluate(() => performance.now());
    await stroke(page, box, i);
    const end = await page.evaluate(() => performance.now());
    await page.waitForTimeout(700);
    strokes.push({ start, end });
    await insight.getByRole('button', { name: 'Erase drawing' }).click();
    await page.waitForTimeout(300);
  }
  const data = await page.evaluate(() => {
    return {
      long: window.__long,
      idle: window.__idle,
      moves: window.__moves,
    };
  });
  const lags = strokes.map(({ start, end }) => {
    const moves = data.moves.filter((t) => t >= start && t <= end);
    const lastMove = moves[moves.length - 1] ?? end;
    const answered = data.idle.find((t) => t >= lastMove);
    return answered === undefined ? Number.NaN : answered - lastMove;
  });
  const drawingMs = strokes.reduce((s, { start, end }) => s + (end - start), 0);
  return {
    strokes: STROKES,
    pointerMovesPerSecond: Math.round((data.moves.length * 1000) / drawingMs),
    lagMedianMs: Math.round(percentile(lags, 0.5)),
    lagMaxMs: Math.round(Math.max(...lags)),
    longTasks: data.long.length,
    longestTaskMs: Math.round(Math.max(0, ...data.long)),
  };
}

export async function measureTryIt(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const status = page.getByRole('status');
    await page.goto(`${base}#preset=mmoe&epochs=1&autotrain=1`);
    await status.filter({ hasText: 'Training finished' }).waitFor({ timeout: 180_000 });
    const idle = await drawStrokes(page);
    // Train on (a new run of many epochs) and draw while it trains.
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('50');
    await page.getByRole('spinbutton', { name: 'Epochs' }).press('Enter');
    await page.getByRole('button', { name: 'Train' }).click();
    await status.filter({ hasText: 'Training…' }).waitFor({ timeout: 60_000 });
    await page.locator('.insight').getByTestId('draw-canvas').waitFor();
    const training = await drawStrokes(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    return [
      { scenario: 'drawing, trained MMoE idle', ...idle },
      { scenario: 'drawing while the model trains', ...training },
    ];
  } finally {
    await page.close();
  }
}
