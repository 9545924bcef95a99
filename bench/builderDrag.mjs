// Canvas smoothness: drags a node of a 60-node model across the builder and records every
// animation frame and every long task (> 50 ms) on the main thread, idle and while training.

const TRUNK = 11;
const GROUPS = 6;
const TOWER = 12;

/** A 60-node model for MNIST: a deep trunk, six expert groups, three gated heads with deep towers. */
export function sixtyNodeSpec() {
  const dense = (units) => ({ type: 'dense', units, activation: 'relu' });
  const tasks = [
    ['digit', 10],
    ['parity', 2],
    ['high', 2],
  ];
  const groups = Array.from({ length: GROUPS }, (_, i) => `g${i}`);
  return {
    version: 2,
    input: { kind: 'image', height: 28, width: 28, channels: 1 },
    trunk: [{ type: 'flatten' }, ...Array.from({ length: TRUNK - 1 }, () => dense(32))],
    experts: groups.map((id) => ({ id, count: 2, layers: [dense(16)] })),
    heads: tasks.map(([task, units]) => ({
      task,
      kind: 'classification',
      units,
      layers: Array.from({ length: TOWER }, () => dense(16)),
      loss: { type: 'crossEntropy' },
      weight: 1,
      temperature: 1,
      gate: { groups, temperature: 1 },
    })),
  };
}

function summarise(frames, longTasks) {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  gaps.sort((a, b) => a - b);
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
  return {
    frames: frames.length,
    medianFrameMs: Number(at(0.5).toFixed(1)),
    p95FrameMs: Number(at(0.95).toFixed(1)),
    maxFrameMs: Number((gaps.at(-1) ?? NaN).toFixed(1)),
    framesOver33ms: gaps.filter((g) => g > 33.4).length,
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
  };
}

async function dragOnce(page, label) {
  const node = page.locator('.react-flow__node[data-id="trunk-5"]');
  const box = await node.boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    window.__long = [];
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    });
    window.__observer.observe({ type: 'longtask' });
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2;
  const y = box.y + 10;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(x + Math.sin(i / 8) * 160, y + (i % 30) * 3);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const { frames, long } = await page.evaluate(() => {
    window.__recording = false;
    window.__observer.disconnect();
    return { frames: window.__frames, long: window.__long };
  });
  return { scenario: label, ...summarise(frames, long) };
}

/** Runs the drag measurement on the app served at `base`; returns one row per scenario. */
export async function measureBuilderDrag(browser, base, encodeModel) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const hash = `dataset=mnist&epochs=50&model=${encodeModel(sixtyNodeSpec())}`;
    await page.goto(`${base}#${hash}`);
    await page.locator('.react-flow__node').nth(59).waitFor({ timeout: 120_000 });
    const count = await page.locator('.react-flow__node').count();
    await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
    const idle = await dragOnce(page, `drag, ${count} nodes, idle`);
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('status').filter({ hasText: 'Training' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    const training = await dragOnce(page, `drag, ${count} nodes, while training`);
    await page.getByRole('button', { name: 'Pause' }).click();
    return [idle, training];
  } finally {
    await page.close();
  }
}

/** Main-thread tasks over 50 ms per minute while a default model trains and the charts update. */
export async function measureDashboard(browser, base, seconds = 30) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${base}#dataset=mnist&epochs=50`);
    await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('status').filter({ hasText: 'Training' }).waitFor({ timeout: 60_000 });
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.waitForTimeout(seconds * 1000);
    const long = await page.evaluate(() => window.__long);
    await page.getByRole('button', { name: 'Pause' }).click();
    return {
      scenario: `training, charts live, ${seconds} s`,
      longTasksPerMinute: Number(((long.length * 60) / seconds).toFixed(1)),
      longestTaskMs: Math.round(Math.max(0, ...long)),
    };
  } finally {
    await page.close();
  }
}
