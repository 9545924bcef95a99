import Papa from 'papaparse';
import { MAX_ROWS, splitLines, type Parsed } from './parseError';

/** Rows of named string cells, as read from CSV, TSV, JSON or JSON Lines. */
export interface Table {
  columns: string[];
  rows: string[][];
  /** 1-based source line of each row, for messages. */
  lines: number[];
}

export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

export function tableFormatOf(fileName: string): TableFormat | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

export function parseTable(text: string, file: string, format: TableFormat): Parsed<Table> {
  return format === 'csv' || format === 'tsv'
    ? parseDelimited(text, file, format)
    : parseJson(text, file, format);
}

function parseDelimited(text: string, file: string, format: 'csv' | 'tsv'): Parsed<Table> {
  const result = Papa.parse<string[]>(text, {
    delimiter: format === 'tsv' ? '\t' : ',',
    // TSV (IANA text/tab-separated-values) has no quoting: a " is part of the text.
    quoteChar: format === 'tsv' ? '\u0000' : '"',
    skipEmptyLines: 'greedy',
    preview: MAX_ROWS + 1,
  });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    return {
      ok: false,
      error: {
        file,
        line: lineOfRow(text, fatal.row ?? 0),
        message: `${fatal.message.toLowerCase()}.`,
      },
    };
  }
  const [header, ...rows] = result.data;
  if (!header || rows.length === 0)
    return { ok: false, error: { file, message: 'no rows below the header.' } };
  if (rows.length > MAX_ROWS)
    return { ok: false, error: { file, message: `over ${MAX_ROWS.toLocaleString('en')} rows.` } };
  const columns = header.map((h) => h.trim());
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined)
    return {
      ok: false,
      error: { file, line: 1, message: `the column "${dup}" appears twice in the header.` },
    };
  if (columns.some((c) => c === ''))
    return { ok: false, error: { file, line: 1, message: 'a column in the header has no name.' } };
  const starts = rowStartLines(text, format === 'csv');
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== columns.length) {
      return {
        ok: false,
        error: {
          file,
          line: starts[r + 1] ?? r + 2,
          message: `expected ${columns.length} fields (as in the header), found ${rows[r].length}.`,
        },
      };
    }
  }
  return { ok: true, value: { columns, rows, lines: rows.map((_, r) => starts[r + 1] ?? r + 2) } };
}

/** The 1-based line where each non-empty record starts, following newlines inside quotes. */
function rowStartLines(text: string, quoted: boolean): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let recordOpen = false;
  for (const ch of text) {
    if (!recordOpen && ch.trim() !== '') {
      starts.push(line);
      recordOpen = true;
    }
    if (ch === '"' && quoted) inQuotes = !inQuotes;
    else if (ch === '\n') {
      line++;
      if (!inQuotes) recordOpen = false;
    }
  }
  return starts;
}

function lineOfRow(text: string, row: number): number {
  return rowStartLines(text, true)[row + 1] ?? row + 2;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function cell(value: Json | undefined): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function parseJson(text: string, file: string, format: 'json' | 'jsonl'): Parsed<Table> {
  const records: { value: Json; line: number }[] = [];
  if (format === 'jsonl') {
    const lines = splitLines(text);
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      try {
        records.push({ value: JSON.parse(lines[i]) as Json, line: i + 1 });
      } catch (e) {
        return {
          ok: false,
          error: {
            file,
            line: i + 1,
            message: `not valid JSON (${e instanceof Error ? e.message : String(e)}).`,
          },
        };
      }
      if (records.length > MAX_ROWS)
        return {
          ok: false,
          error: { file, message: `over ${MAX_ROWS.toLocaleString('en')} rows.` },
        };
    }
  } else {
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch (e) {
      return {
        ok: false,
        error: { file, message: `not valid JSON (${e instanceof Error ? e.message : String(e)}).` },
      };
    }
    if (!Array.isArray(parsed))
      return {
        ok: false,
        error: { file, message: 'expected an array of objects, one per example.' },
      };
    if (parsed.length > MAX_ROWS)
      return { ok: false, error: { file, message: `over ${MAX_ROWS.toLocaleString('en')} rows.` } };
    parsed.forEach((value, i) => records.push({ value, line: i + 1 }));
  }
  if (records.length === 0) return { ok: false, error: { file, message: 'no rows found.' } };
  const columns: string[] = [];
  const where = (n: number) => (format === 'jsonl' ? { line: records[n].line } : {});
  for (let n = 0; n < records.length; n++) {
    const v = records[n].value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return {
        ok: false,
        error: {
          file,
          ...where(n),
          message: `${format === 'json' ? `item ${n + 1}` : 'this line'} is not an object.`,
        },
      };
    }
    for (const key of Object.keys(v)) if (!columns.includes(key)) columns.push(key);
  }
  const rows: string[][] = [];
  for (let n = 0; n < records.length; n++) {
    const obj = records[n].value as { [key: string]: Json };
    const row: string[] = [];
    for (const c of columns) {
      const text = cell(Object.hasOwn(obj, c) ? obj[c] : undefined);
      if (text === null) {
        return {
          ok: false,
          error: {
            file,
            ...where(n),
            message: `field "${c}"${format === 'json' ? ` of item ${n + 1}` : ''} holds a list or object; give text or a number.`,
          },
        };
      }
      row.push(text);
    }
    rows.push(row);
  }
  return { ok: true, value: { columns, rows, lines: records.map((r) => r.line) } };
}
