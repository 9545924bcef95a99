import type { TaskInfo } from '../tasks';
import { buildVocabulary, encodeTokens, tokenize, type TextPipeline } from '../text/tokenize';
import type { DatasetInfo, EncodedDataset } from './encoded';
import type { Parsed } from './parseError';
import type { Table } from './table';

export type ColumnKind = 'text' | 'categorical' | 'numeric';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  distinct: number;
  empty: number;
  examples: string[];
}

/** More distinct values than this and a column is no class label. */
export const MAX_CLASSES = 100;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** What each column looks like: free text, a class label, or a number (a regression target). */
export function summarizeColumns(table: Table): ColumnSummary[] {
  return table.columns.map((name, c) => {
    const values = table.rows.map((r) => r[c].trim());
    const filled = values.filter((v) => v !== '');
    const distinct = new Set(filled).size;
    const numeric = filled.length > 0 && filled.every((v) => NUMBER.test(v));
    const meanLength = filled.reduce((n, v) => n + v.length, 0) / Math.max(filled.length, 1);
    const kind: ColumnKind =
      numeric && distinct > 10
        ? 'numeric'
        : distinct <= MAX_CLASSES && meanLength < 40
          ? 'categorical'
          : 'text';
    return {
      name,
      kind,
      distinct,
      empty: values.length - filled.length,
      examples: [...new Set(filled)].slice(0, 4),
    };
  });
}

/** The longest text column as input, every other plausible label as a task. */
export function suggestColumns(columns: readonly ColumnSummary[]): {
  text: string | null;
  labels: string[];
} {
  const texts = columns.filter((c) => c.kind === 'text');
  const text = texts[0]?.name ?? null;
  const labels = columns.filter(
    (c) => c.name !== text && c.kind !== 'text' && c.distinct >= 2 && !/^(id|index)$/i.test(c.name),
  );
  return { text, labels: labels.map((c) => c.name) };
}

/** A task id as links and specs need it: lower-case letters, digits and _. */
export function taskIdFor(name: string, taken: Set<string>): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') base = 'task';
  else if (!/^[a-z]/.test(base)) base = `t_${base}`;
  base = base.slice(0, 28);
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

export interface TableChoice {
  textColumn: string;
  labelColumns: string[];
  pipeline: TextPipeline;
}

/**
 * Text classification (and regression) from a table. Rows with an empty text or label are left
 * out and counted in the description. Numeric targets are standardised, (y − mean) / sd, so
 * their loss is on the scale of the others.
 */
export function fromTable(
  table: Table,
  base: Omit<DatasetInfo, 'input' | 'tasks'>,
  choice: TableChoice,
  summaries = summarizeColumns(table),
): Parsed<EncodedDataset> {
  const file = base.name;
  const textIndex = table.columns.indexOf(choice.textColumn);
  if (textIndex < 0)
    return { ok: false, error: { file, message: `no column "${choice.textColumn}".` } };
  if (choice.labelColumns.length === 0)
    return { ok: false, error: { file, message: 'choose at least one label column.' } };
  const labelIndex = choice.labelColumns.map((name) => table.columns.indexOf(name));
  const missing = choice.labelColumns.find((_, k) => labelIndex[k] < 0);
  if (missing) return { ok: false, error: { file, message: `no column "${missing}".` } };
  if (choice.labelColumns.includes(choice.textColumn)) {
    return {
      ok: false,
      error: { file, message: `"${choice.textColumn}" cannot be both the text and a label.` },
    };
  }
  const kept = table.rows.filter(
    (r) => r[textIndex].trim() !== '' && labelIndex.every((i) => r[i].trim() !== ''),
  );
  if (kept.length < 10)
    return {
      ok: false,
      error: {
        file,
        message: `only ${kept.length} rows have a text and every chosen label; at least 10 are needed.`,
      },
    };

  const taken = new Set<string>();
  const tasks: TaskInfo[] = [];
  const y: Record<string, Int32Array | Float32Array> = {};
  for (let k = 0; k < choice.labelColumns.length; k++) {
    const name = choice.labelColumns[k];
    const col = labelIndex[k];
    const id = taskIdFor(name, taken);
    const values = kept.map((r) => r[col].trim());
    if (summaries.find((s) => s.name === name)?.kind === 'numeric') {
      const numbers = values.map(Number);
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      const sd = Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length) || 1;
      y[id] = Float32Array.from(numbers, (v) => (v - mean) / sd);
      tasks.push({
        id,
        label: name,
        kind: 'regression',
        classes: [],
        description: `Numeric column "${name}", standardised (mean ${mean.toPrecision(4)}, sd ${sd.toPrecision(4)}).`,
      });
    } else {
      const classes = [...new Set(values)].sort();
      if (classes.length > MAX_CLASSES) {
        return {
          ok: false,
          error: {
            file,
            message: `column "${name}" has ${classes.length} different values; a label column may have at most ${MAX_CLASSES}.`,
          },
        };
      }
      if (classes.length < 2)
        return {
          ok: false,
          error: {
            file,
            message: `column "${name}" has a single value; there is nothing to learn.`,
          },
        };
      const index = new Map(classes.map((c, i) => [c, i]));
      y[id] = Int32Array.from(values, (v) => index.get(v)!);
      tasks.push({
        id,
        label: name,
        kind: 'classification',
        classes,
        description: `Column "${name}", ${classes.length} classes.`,
      });
    }
  }
  const tokens = kept.map((r) => tokenize(r[textIndex], choice.pipeline.level));
  const vocabulary = buildVocabulary(tokens, choice.pipeline);
  const encoded = encodeTokens(tokens, vocabulary, choice.pipeline);
  const left = table.rows.length - kept.length;
  return {
    ok: true,
    value: {
      info: {
        ...base,
        description: `${base.description}${left > 0 ? ` ${left.toLocaleString('en')} rows with an empty text or label were left out.` : ''}`,
        input: {
          kind: 'tokens',
          vocabSize: choice.pipeline.vocabSize,
          maxLength: choice.pipeline.maxLength,
        },
        tasks,
      },
      count: kept.length,
      x: encoded.ids,
      y,
      text: {
        vocabulary,
        tokens,
        truncated: encoded.truncated,
        oovRate: encoded.oovRate,
        pipeline: choice.pipeline,
      },
    },
  };
}
