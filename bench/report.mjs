// The benchmark report as Markdown, from the object saved as JSON beside it.

const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
const MB = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function speedSection(speed) {
  const lines = [
    '## Training speed: the app against stock TF.js',
    '',
    `Target: ${speed.target}. Batch 64; each ratio is the median over rounds of app and stock measured back to back${speed.quick ? ' (quick run: short rounds, stock not tried on CPU)' : ''}.`,
    '',
    table(
      [
        'workload',
        'app backend',
        'app steps/s',
        'stock: best backend',
        'stock steps/s',
        'ratio',
        'samples/s',
        'ms/step p50 / p95',
        'GFLOP/s',
        'worker start → first step',
        'tensors; worker JS heap; WASM memory (after steps)',
      ],
      speed.results.map((r) => {
        const last = r.app.memory.at(-1);
        return [
          r.workload,
          r.app.backend ?? 'none',
          fixed(r.app.stepsPerSec, 1),
          r.stock.backend ?? 'none',
          fixed(r.stock.stepsPerSec, 2),
          `×${fixed(r.ratio, 1)}`,
          fixed(r.app.samplesPerSec, 0),
          `${fixed(r.app.msPerStepP50, 0)} / ${fixed(r.app.msPerStepP95, 0)}`,
          fixed(r.app.gflopsPerSec, 2),
          seconds(r.app.firstStepMs),
          last
            ? `${r.app.memory.map((m) => m.numTensors).join(' → ')}; ${r.app.memory.map((m) => (m.heapBytes === null ? '—' : MB(m.heapBytes))).join(' → ')}; ${last.wasmMemoryBytes === null ? '—' : MB(last.wasmMemoryBytes)} (${r.app.memory.map((m) => m.steps).join(' → ')})`
            : '—',
        ];
      }),
    ),
    '',
    ...speed.results.map((r) => `- **${r.workload}**: ${r.label}.`),
  ];
  const judged = speed.results.filter((r) => r.quality);
  if (judged.length) {
    lines.push(
      '',
      '### Validation accuracy after the same steps',
      '',
      'Both sides start from the same initial weights and train on the same batches in the same order; accuracy on the same held-out examples (tagging tasks: per token).',
      '',
      table(
        ['workload', 'steps (epochs)', 'task', 'app', 'stock TF.js', 'app − stock'],
        judged.flatMap((r) =>
          Object.keys(r.quality.app).map((task) => [
            r.workload,
            `${r.quality.steps} (${fixed(r.quality.epochs, 2)})`,
            task,
            fixed(r.quality.app[task], 3),
            fixed(r.quality.stock[task], 3),
            fixed(r.quality.app[task] - r.quality.stock[task], 3),
          ]),
        ),
      ),
    );
  }
  return lines.join('\n');
}

function appSection(report) {
  const lines = ['## The built app'];
  if (report.firstPaint) {
    const p = report.firstPaint;
    lines.push(
      '',
      `- First-paint JavaScript: **${kB(p.jsGzipBytes)} gzipped** (${kB(p.jsBytes)}): ${p.files
        .map((f) => `\`${f.file}\` ${kB(f.gzipBytes)}`)
        .join(', ')}. TF.js in it: ${p.withTfjs.length ? p.withTfjs.join(', ') : 'no'}.`,
    );
  }
  if (report.firstStep) {
    const f = report.firstStep;
    lines.push(
      `- ${f.scenario}: Train shown at ${seconds(f.trainShownMs)}, first training step done at **${seconds(f.firstStepMs)}** after navigation (${f.backend}).`,
    );
  }
  if (report.dashboard) {
    const d = report.dashboard;
    lines.push(
      `- ${d.scenario}: **${d.longTasksPerMinute}** main-thread tasks over 50 ms per minute (longest ${d.longestTaskMs} ms).`,
    );
  }
  if (report.builder) {
    lines.push(
      '',
      table(
        [
          'canvas scenario',
          'frames',
          'median ms',
          'p95 ms',
          'max ms',
          'frames > 33 ms',
          'long tasks (longest)',
        ],
        report.builder.map((b) => [
          b.scenario,
          b.frames,
          fixed(b.medianFrameMs, 1),
          fixed(b.p95FrameMs, 1),
          fixed(b.maxFrameMs, 1),
          b.framesOver33ms,
          `${b.longTasks} (${b.longestTaskMs} ms)`,
        ]),
      ),
    );
  }
  if (report.tryIt) {
    lines.push(
      '',
      table(
        [
          'Try it scenario',
          'pointer moves/s',
          'lag after the last move p50 / max ms',
          'long tasks (longest)',
        ],
        report.tryIt.map((t) => [
          t.scenario,
          t.pointerMovesPerSecond,
          `${t.lagMedianMs} / ${t.lagMaxMs}`,
          `${t.longTasks} (${t.longestTaskMs} ms)`,
        ]),
      ),
    );
  }
  return lines.length > 1 ? lines.join('\n') : '';
}

function overheadSection(report) {
  if (!report.results?.length) return '';
  return [
    '## The app’s trainer against a bare TF.js loop, same backend',
    '',
    `Target: ${report.target}.`,
    '',
    table(
      ['workload / backend', 'app steps/s', 'stock steps/s', 'ratio'],
      report.results.map((r) => [
        r.backend,
        fixed(r.stepsPerSec, 1),
        fixed(r.stockStepsPerSec, 1),
        fixed(r.ratio, 3),
      ]),
    ),
    ...(report.skipped ?? []).map((s) => `\n- ${s.backend} skipped: ${s.reason}`),
  ].join('\n');
}

function weightingSection(file) {
  const weighting = file?.weighting;
  if (!weighting) return '';
  const pct = (v) => (Number.isFinite(v) ? (v * 100).toFixed(2) : '—');
  return [
    '## Loss-weighting strategies',
    '',
    `From \`bench/results/weighting.json\` (\`npm run bench -- weighting\`, ${file.date.slice(0, 10)}).`,
    '',
    table(
      ['workload', 'strategy', 'steps/s', 'static steps/s', 'ratio'],
      weighting.costs.map((c) => [
        c.workload,
        c.strategy,
        fixed(c.stepsPerSec, 1),
        fixed(c.staticStepsPerSec, 1),
        fixed(c.costRatio, 2),
      ]),
    ),
    '',
    weighting.reference.setup,
    '',
    table(
      ['method', 'left %', 'right %', 'Δm %', 'Sener & Koltun 2018: left %, right %'],
      weighting.reference.rows.map((r) => [
        r.label,
        pct(r.left),
        pct(r.right),
        pct(r.deltaM),
        r.paper ? `${r.paper[0].toFixed(2)}, ${r.paper[1].toFixed(2)}` : '—',
      ]),
    ),
  ].join('\n');
}

/** `weighting`: the last weighting-only report (bench/results/weighting.json), if any. */
export function markdownReport(report, weighting = null) {
  const sections = [
    `# Benchmark, ${report.date.slice(0, 10)}`,
    `${report.machine.cores} cores (${report.machine.cpu})${report.userAgent ? `, ${report.userAgent}` : ''}. Written by \`npm run bench\`; the numbers are in the JSON file beside this one.`,
    report.speed ? speedSection(report.speed) : '',
    appSection(report),
    overheadSection(report),
    weightingSection(weighting),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
