import { MAX_ROWS, splitLines, type Parsed } from './parseError';
import type { TaggedCorpus, TaggedSentence } from './taggedCorpus';

/**
 * Reads the CoNLL-2003 style column format: one token per line (token first, then tag columns,
 * separated by tabs or spaces), a blank line between sentences, `-DOCSTART-` lines ignored.
 * Extensions: `# columns = token pos ner` names the columns; `# key = value` lines before a
 * sentence give it a sentence-level label (used for the Brown corpus's genre).
 */
export function parseColumnFile(text: string, file: string): Parsed<TaggedCorpus> {
  const lines = splitLines(text);
  if (lines.length > MAX_ROWS * 2) {
    return { ok: false, error: { file, message: `over ${MAX_ROWS * 2} lines; split the file.` } };
  }
  let names: string[] | null = null;
  let width = 0;
  const sentences: TaggedSentence[] = [];
  const labelKeys = new Set<string>();
  let rows: string[][] = [];
  let labels: Record<string, string> = {};

  const close = () => {
    if (rows.length > 0) {
      const columns = names!;
      const tags: Record<string, string[]> = {};
      columns.slice(1).forEach((c, k) => (tags[c] = rows.map((r) => r[k + 1])));
      sentences.push({ tokens: rows.map((r) => r[0]), tags, labels });
    }
    rows = [];
    labels = {};
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const lineNo = i + 1;
    if (line === '') {
      close();
      continue;
    }
    if (line.startsWith('-DOCSTART-')) continue;
    if (line.startsWith('#')) {
      const m = /^#\s*([\w.-]+)\s*=\s*(.*)$/.exec(line);
      if (!m) continue;
      const [, key, value] = m;
      if (key === 'columns') {
        if (width > 0)
          return {
            ok: false,
            error: {
              file,
              line: lineNo,
              message: '"# columns =" must come before the first token.',
            },
          };
        names = value.split(/\s+/).filter(Boolean);
        if (names.length < 2)
          return {
            ok: false,
            error: {
              file,
              line: lineNo,
              message: 'name at least two columns: the token and one tag.',
            },
          };
        if (new Set(names).size !== names.length)
          return { ok: false, error: { file, line: lineNo, message: 'column names must differ.' } };
        width = names.length;
      } else {
        labels[key] = value.trim();
        labelKeys.add(key);
      }
      continue;
    }
    const fields = line.includes('\t') ? line.split('\t').map((f) => f.trim()) : line.split(/\s+/);
    if (width === 0) {
      if (fields.length < 2) {
        return {
          ok: false,
          error: {
            file,
            line: lineNo,
            message: `expected a token and at least one tag, found ${fields.length} column.`,
          },
        };
      }
      width = fields.length;
      names = ['token', ...fields.slice(1).map((_, k) => `tag${k + 1}`)];
    }
    if (fields.length !== width) {
      return {
        ok: false,
        error: {
          file,
          line: lineNo,
          message: `expected ${width} columns, found ${fields.length}.`,
        },
      };
    }
    if (fields.some((f) => f === ''))
      return { ok: false, error: { file, line: lineNo, message: 'an empty column.' } };
    rows.push(fields);
  }
  close();
  if (sentences.length === 0) return { ok: false, error: { file, message: 'no sentences found.' } };
  return { ok: true, value: { sentences, tagColumns: names!.slice(1), labelKeys: [...labelKeys] } };
}
