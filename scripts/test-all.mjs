// `npm test`: every check the project has, in order, then one summary line.
// Lint, typecheck, format and the production build count as one check each; unit and e2e
// tests count one per test. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const stages = [
  { name: 'lint', command: 'npx eslint . --max-warnings=0' },
  { name: 'typecheck', command: 'npx tsc --noEmit -p .' },
  { name: 'format', command: 'npx prettier --check .' },
  {
    name: 'unit',
    command: `npx vitest run --reporter=default --reporter=json --outputFile=${RESULTS}/unit.json`,
    count: () => {
      const r = JSON.parse(readFileSync(`${RESULTS}/unit.json`, 'utf8'));
      // A suite that fails to load has no failed test but fails the run.
      const broken = r.success === false && r.numFailedTests === 0 ? 1 : 0;
      return { passed: r.numPassedTests, failed: r.numFailedTests + broken };
    },
  },
  { name: 'build', command: 'npx vite build' },
  // TF.js must stay in the worker chunk, out of what the first paint waits for.
  { name: 'firstpaint', command: 'node scripts/first-paint.mjs dist' },
  {
    name: 'e2e',
    command: 'npx playwright test',
    count: () => {
      const r = JSON.parse(readFileSync(`${RESULTS}/e2e.json`, 'utf8'));
      return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
    },
  },
];

let passed = 0;
let failed = 0;
const rows = [];
for (const stage of stages) {
  const started = Date.now();
  console.log(`\n── ${stage.name}: ${stage.command}`);
  const { status } = spawnSync(stage.command, { shell: true, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let detail = status === 0 ? 'ok' : `exit ${status}`;
  if (stage.count) {
    let counts;
    try {
      counts = stage.count();
    } catch {
      counts = null;
    }
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
      detail = `${counts.passed} passed, ${counts.failed} failed`;
      if (status !== 0 && counts.failed === 0) failed += 1; // the runner itself failed
    } else {
      failed += 1;
      detail = `no results (${detail})`;
    }
  } else if (status === 0) {
    passed += 1;
  } else {
    failed += 1;
  }
  rows.push(`${stage.name.padEnd(10)} ${detail.padEnd(28)} ${seconds} s`);
  if (stage.name === 'build' && status !== 0) {
    rows.push('e2e        skipped: the build failed');
    failed += 1;
    break;
  }
}

console.log('\n── summary');
for (const row of rows) console.log(row);
if (existsSync(`${RESULTS}/e2e.json`)) {
  const backends = new Set();
  const report = JSON.parse(readFileSync(`${RESULTS}/e2e.json`, 'utf8'));
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? []) if (a.type === 'backend') backends.add(a.description);
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of report.suites ?? []) walk(s);
  if (backends.size) console.log(`e2e training ran on: ${[...backends].join(', ')}`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
