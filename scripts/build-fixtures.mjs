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
