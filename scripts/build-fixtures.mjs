// Writes the files the browser tests import, cut from the committed Brown corpus sample
// (public/data/brown.tsv.gz), so they are real sentences with gold tags:
//   e2e/fixtures/brown-sentences.csv   text with two label columns (genre, mode)
//   e2e/fixtures/brown-tagged.conllu   CoNLL-U with UPOS and (Brown) XPOS
//   e2e/fixtures/broken.conllu         the same with a damaged line, for the error path
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';

const text = new TextDecoder().decode(gunzipSync(readFileSync('public/data/brown.tsv.gz')));
const sentences = [];
let current = null;
for (const line of text.split('\n')) {
  if (line.startsWith('# genre = ')) current = { genre: line.slice(10), mode: '', rows: [] };
  else if (line.startsWith('# mode = ')) current.mode = line.slice(9);
  else if (line === '' && current?.rows.length) {
    sentences.push(current);
    current = null;
  } else if (current && !line.startsWith('#')) current.rows.push(line.split('\t'));
}
// The last 1,000 sentences: not among the first 5k the built-in subset uses.
const pool = sentences.slice(-1000);
const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = ['id,sentence,genre,mode'];
pool
  .slice(0, 800)
  .forEach((s, i) =>
    csv.push([i + 1, csvField(s.rows.map((r) => r[0]).join(' ')), s.genre, s.mode].join(',')),
  );
writeFileSync('e2e/fixtures/brown-sentences.csv', csv.join('\n') + '\n');

const conllu = [];
pool.slice(0, 600).forEach((s, i) => {
  conllu.push(`# sent_id = brown-${i + 1}`, `# text = ${s.rows.map((r) => r[0]).join(' ')}`);
  s.rows.forEach((r, k) =>
    conllu.push([k + 1, r[0], '_', r[2], r[1], '_', '_', '_', '_', '_'].join('\t')),
  );
  conllu.push('');
});
writeFileSync('e2e/fixtures/brown-tagged.conllu', conllu.join('\n'));
const broken = [...conllu];
const at = broken.findIndex((l, i) => i > 40 && /^\d+\t/.test(l));
broken[at] = broken[at].split('\t').slice(0, 6).join('\t');
writeFileSync('e2e/fixtures/broken.conllu', broken.join('\n'));
console.log(`fixtures written; broken.conllu has a 6-field word line at line ${at + 1}`);

// Image archives from real Fashion-MNIST images (public/data/fashion.bin), as PNG files.
import { gunzipSync as gunzip, zipSync } from 'fflate';
import { greyPng } from './png.mjs';

const fashion = gunzip(readFileSync('public/data/fashion.bin'));
const count = new DataView(fashion.buffer, fashion.byteOffset).getUint32(10, true);
const itemNames = [
  'T-shirt',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
const kindOf = [
  'clothing',
  'clothing',
  'clothing',
  'clothing',
  'clothing',
  'footwear',
  'clothing',
  'footwear',
  'bag',
  'footwear',
];
const imageOf = (i) =>
  greyPng(fashion.subarray(16 + count + i * 784, 16 + count + (i + 1) * 784), 28, 28);
const pick = (classes, perClass) => {
  const taken = new Map(classes.map((c) => [c, 0]));
  const out = [];
  for (let i = 0; i < count; i++) {
    const label = fashion[16 + i];
    if (!taken.has(label) || taken.get(label) >= perClass) continue;
    taken.set(label, taken.get(label) + 1);
    out.push({ i, label });
  }
  return out;
};

const folders = {};
for (const { i, label } of pick([1, 7, 8], 80))
  folders[`fashion/${itemNames[label]}/${String(i).padStart(4, '0')}.png`] = imageOf(i);
writeFileSync(
  'e2e/fixtures/fashion-folders.zip',
  zipSync(folders, { level: 6, mtime: new Date('2020-01-01') }),
);

const mapped = { 'labels.csv': null };
const rows = ['file,article,kind'];
for (const { i, label } of pick([0, 1, 5, 8], 60)) {
  const name = `images/${String(i).padStart(4, '0')}.png`;
  mapped[name] = imageOf(i);
  rows.push(`${name},${itemNames[label]},${kindOf[label]}`);
}
mapped['labels.csv'] = new TextEncoder().encode(rows.join('\n') + '\n');
writeFileSync(
  'e2e/fixtures/fashion-labels.zip',
  zipSync(mapped, { level: 6, mtime: new Date('2020-01-01') }),
);
writeFileSync(
  'e2e/fixtures/no-images.zip',
  zipSync(
    { 'README.txt': new TextEncoder().encode('nothing to see') },
    { mtime: new Date('2020-01-01') },
  ),
);
console.log('image archives written');
