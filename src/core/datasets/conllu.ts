import { MAX_ROWS, splitLines, type Parsed } from './parseError';
import type { TaggedCorpus, TaggedSentence } from './taggedCorpus';

/** CoNLL-U columns that can become tagging tasks. */
export const CONLLU_TAG_COLUMNS = ['upos', 'xpos', 'deprel'] as const;
const COLUMN_INDEX = { upos: 3, xpos: 4, deprel: 7 } as const;

/**
 * Reads CoNLL-U (Universal Dependencies): ten tab-separated fields per word, comment lines
 * starting with #, a blank line after each sentence. Multi-word token lines (ID `1-2`) and empty
 * nodes (ID `1.1`) are skipped: the words they stand for carry the annotation. A tag column that
 * is `_` throughout (often XPOS) is left out; DEPREL subtypes (`nmod:poss`) are kept as written.
 */
export function parseConllu(text: string, file: string): Parsed<TaggedCorpus> {
  const lines = splitLines(text);
  if (lines.length > MAX_ROWS * 2) {
    return { ok: false, error: { file, message: `over ${MAX_ROWS * 2} lines; split the file.` } };
  }
  const sentences: TaggedSentence[] = [];
  let words: string[][] = [];
  let expectedId = 1;
  const close = () => {
    if (words.length > 0) {
      const tags: Record<string, string[]> = {};
      for (const c of CONLLU_TAG_COLUMNS) tags[c] = words.map((w) => w[COLUMN_INDEX[c]]);
      sentences.push({ tokens: words.map((w) => w[1]), tags, labels: {} });
    }
    words = [];
    expectedId = 1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.trim() === '') {
      close();
      continue;
    }
    if (line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (fields.length !== 10) {
      return {
        ok: false,
        error: {
          file,
          line: lineNo,
          message: `expected 10 tab-separated fields, found ${fields.length}.`,
        },
      };
    }
    const id = fields[0];
    if (/^\d+-\d+$/.test(id) || /^\d+\.\d+$/.test(id)) continue;
    if (!/^\d+$/.test(id))
      return {
        ok: false,
        error: {
          file,
          line: lineNo,
          message: `"${id}" is not a word ID (1, 2, …; ranges 1-2; empty nodes 1.1).`,
        },
      };
    if (Number(id) !== expectedId) {
      return {
        ok: false,
        error: {
          file,
          line: lineNo,
          message: `word ID ${id} where ${expectedId} was expected; is a blank line missing between sentences?`,
        },
      };
    }
    if (fields[1] === '')
      return { ok: false, error: { file, line: lineNo, message: 'the FORM field is empty.' } };
    expectedId++;
    words.push(fields);
  }
  close();
  if (sentences.length === 0)
    return { ok: false, error: { file, message: 'no sentences found: is this a CoNLL-U file?' } };
  const tagColumns = CONLLU_TAG_COLUMNS.filter((c) =>
    sentences.some((s) => s.tags[c].some((t) => t !== '_')),
  );
  for (const s of sentences)
    for (const c of CONLLU_TAG_COLUMNS) if (!tagColumns.includes(c)) delete s.tags[c];
  return { ok: true, value: { sentences, tagColumns: [...tagColumns], labelKeys: [] } };
}
