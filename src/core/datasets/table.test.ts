import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_PIPELINE } from '../text/tokenize';
import { fromTable, suggestColumns, summarizeColumns, taskIdFor } from './fromTable';
import { describeParseError } from './parseError';
import { parseTable } from './table';

const csv = [
  'id,review,sentiment,stars,price',
  '1,"Great phone, lasts all day",positive,5,199.5',
  '2,"Screen cracked after a week ""premium"" my foot",negative,1,249',
  '3,"Okay,\nnothing special",neutral,3,99.99',
].join('\n');

describe('tables', () => {
  it('reads CSV with quoted commas, quotes and newlines', () => {
    const r = parseTable(csv, 'reviews.csv', 'csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.columns).toEqual(['id', 'review', 'sentiment', 'stars', 'price']);
    expect(r.value.rows[1][1]).toBe('Screen cracked after a week "premium" my foot');
    expect(r.value.rows[2][1]).toBe('Okay,\nnothing special');
    expect(r.value.lines).toEqual([2, 3, 4]);
  });

  it('names the line of a ragged row, counting quoted newlines', () => {
    const ragged = `${csv}\n4,"Fine",positive,4\n`;
    const r = parseTable(ragged, 'reviews.csv', 'csv');
    expect(r.ok ? '' : describeParseError(r.error)).toBe(
      'reviews.csv, line 6: expected 5 fields (as in the header), found 4.',
    );
  });

  it('reads TSV, JSON and JSON Lines, and locates JSON errors', () => {
    const tsv = parseTable('text\tlabel\nhello there\ta\n', 'x.tsv', 'tsv');
    expect(tsv.ok && tsv.value.rows).toEqual([['hello there', 'a']]);
    const json = parseTable(
      '[{"text":"hi","label":1},{"text":"yo","label":2,"extra":true}]',
      'x.json',
      'json',
    );
    expect(json.ok && json.value).toEqual({
      columns: ['text', 'label', 'extra'],
      rows: [
        ['hi', '1', ''],
        ['yo', '2', 'true'],
      ],
      lines: [1, 2],
    });
    const jsonl = parseTable('{"text":"a","y":"p"}\n\n{"text":"b","y":\n', 'x.jsonl', 'jsonl');
    expect(jsonl.ok ? '' : describeParseError(jsonl.error)).toMatch(
      /^x\.jsonl, line 3: not valid JSON/,
    );
    const nested = parseTable('{"text":"a","y":{"deep":1}}\n', 'x.jsonl', 'jsonl');
    expect(nested.ok ? '' : describeParseError(nested.error)).toBe(
      'x.jsonl, line 1: field "y" holds a list or object; give text or a number.',
    );
    const notArray = parseTable('{"a":1}', 'x.json', 'json');
    expect(notArray.ok ? '' : describeParseError(notArray.error)).toBe(
      'x.json: expected an array of objects, one per example.',
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('csv', 'tsv', 'json', 'jsonl') as fc.Arbitrary<
          'csv' | 'tsv' | 'json' | 'jsonl'
        >,
        (text, format) => {
          const r = parseTable(text, 'f', format);
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
          else for (const row of r.value.rows) expect(row).toHaveLength(r.value.columns.length);
        },
      ),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('columns and tasks', () => {
  const rows = Array.from({ length: 30 }, (_, i) => [
    String(i),
    `review number ${i} says ${i % 3 === 0 ? 'great value' : 'poor quality'} overall`,
    i % 3 === 0 ? 'positive' : 'negative',
    String(1 + (i % 5)),
    String(10 + i * 1.5),
  ]);
  const table = {
    columns: ['id', 'Review text', 'Sentiment', 'stars', 'price'],
    rows,
    lines: rows.map((_, i) => i + 2),
  };

  it('tells text, labels and numbers apart and suggests the text and label columns', () => {
    const s = summarizeColumns(table);
    expect(s.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'numeric'],
      ['Review text', 'text'],
      ['Sentiment', 'categorical'],
      ['stars', 'categorical'],
      ['price', 'numeric'],
    ]);
    expect(suggestColumns(s)).toEqual({
      text: 'Review text',
      labels: ['Sentiment', 'stars', 'price'],
    });
  });

  it('builds classification and standardised regression tasks', () => {
    const r = fromTable(
      table,
      {
        id: 'import:r.csv',
        name: 'r.csv',
        description: 'r',
        source: 's',
        license: 'l',
      },
      {
        textColumn: 'Review text',
        labelColumns: ['Sentiment', 'price'],
        pipeline: DEFAULT_TEXT_PIPELINE,
      },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.info.tasks.map((t) => [t.id, t.kind, t.classes])).toEqual([
      ['sentiment', 'classification', ['negative', 'positive']],
      ['price', 'regression', []],
    ]);
    const price = r.value.y.price as Float32Array;
    const mean = price.reduce((a, b) => a + b, 0) / price.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(r.value.count).toBe(30);
  });

  it('refuses a label with too many values or a single one', () => {
    const base = {
      id: 'x',
      name: 'x.csv',
      description: '',
      source: '',
      license: '',
    };
    const one = fromTable(
      { ...table, rows: rows.map((r) => [...r.slice(0, 2), 'same', ...r.slice(3)]) },
      base,
      { textColumn: 'Review text', labelColumns: ['Sentiment'], pipeline: DEFAULT_TEXT_PIPELINE },
    );
    expect(one.ok ? '' : one.error.message).toBe(
      'column "Sentiment" has a single value; there is nothing to learn.',
    );
  });

  it('makes task ids links and specs accept', () => {
    const taken = new Set<string>();
    expect(
      ['Sentiment Label', 'sentiment label', '2nd <b>', ''].map((n) => taskIdFor(n, taken)),
    ).toEqual(['sentiment_label', 'sentiment_label_2', 't_2nd_b', 'task']);
  });
});
