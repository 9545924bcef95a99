import { DEFAULT_TEXT_PIPELINE, type TextPipeline } from '../text/tokenize';
import { parseColumnFile } from './columnFormat';
import { parseConllu } from './conllu';
import type { DatasetInfo, EncodedDataset } from './encoded';
import { fromTable, suggestColumns, summarizeColumns, type ColumnSummary } from './fromTable';
import { fromTaggedCorpus } from './fromTaggedCorpus';
import { decodeText, type Parsed } from './parseError';
import { parseTable, tableFormatOf, type Table } from './table';
import type { TaggedCorpus } from './taggedCorpus';
import { readImageArchive, type ImageArchive } from './imageArchive';

/** A file read and understood, waiting for the user's choice of columns and settings. */
export type InspectedFile =
  | { format: 'images'; file: string; archive: ImageArchive }
  | { format: 'table'; file: string; table: Table; columns: ColumnSummary[] }
  | { format: 'conllu' | 'columns'; file: string; corpus: TaggedCorpus };

export interface ValueSummary {
  name: string;
  distinct: number;
  examples: string[];
}

/** What the import form shows: plain data for the UI. */
export type ImportPreview =
  | {
      format: 'images';
      file: string;
      images: number;
      layout: ImageArchive['layout'];
      /** Images no CSV row named, left out. */
      unlabelled: number;
      tasks: ValueSummary[];
      suggestedLabels: string[];
    }
  | {
      format: 'table';
      file: string;
      rows: number;
      columns: ColumnSummary[];
      suggestedText: string | null;
      suggestedLabels: string[];
    }
  | {
      format: 'conllu' | 'columns';
      file: string;
      sentences: number;
      tokens: number;
      /** Share of sentences longer than the default maximum length. */
      longSentences: number;
      tagColumns: ValueSummary[];
      labelKeys: ValueSummary[];
      suggestedLabels: string[];
    };

export interface ImportChoice {
  /** Table files: the column holding the text. */
  textColumn?: string;
  /** Label columns (tables), or tag columns and sentence labels (tagged files). */
  labels: string[];
  pipeline: TextPipeline;
  /** Image archives: the size images are scaled to, and grey (1) or colour (3). */
  image?: { size: number; channels: 1 | 3 };
}

export const DEFAULT_IMAGE_IMPORT = { size: 28, channels: 1 } as const;

function formatOf(file: string): InspectedFile['format'] {
  const lower = file.toLowerCase();
  if (lower.endsWith('.zip')) return 'images';
  if (lower.endsWith('.conllu')) return 'conllu';
  return tableFormatOf(lower) ? 'table' : 'columns';
}

/** Reads a file of the user's: CSV/TSV/JSON/JSONL tables, CoNLL-U, or CoNLL-2003 style columns. */
export function inspectFile(file: string, bytes: Uint8Array): Parsed<InspectedFile> {
  const format = formatOf(file);
  if (format === 'images') {
    const archive = readImageArchive(bytes, file);
    return archive.ok ? { ok: true, value: { format, file, archive: archive.value } } : archive;
  }
  const text = decodeText(bytes, file);
  if (!text.ok) return text;
  if (format === 'table') {
    const table = parseTable(text.value, file, tableFormatOf(file)!);
    if (!table.ok) return table;
    return {
      ok: true,
      value: { format, file, table: table.value, columns: summarizeColumns(table.value) },
    };
  }
  const corpus =
    format === 'conllu' ? parseConllu(text.value, file) : parseColumnFile(text.value, file);
  if (!corpus.ok) return corpus;
  return { ok: true, value: { format, file, corpus: corpus.value } };
}

const summarize = (name: string, values: Iterable<string>): ValueSummary => {
  const set = new Set(values);
  return { name, distinct: set.size, examples: [...set].slice(0, 6) };
};

export function previewOf(inspected: InspectedFile): ImportPreview {
  if (inspected.format === 'images') {
    const { archive } = inspected;
    return {
      format: 'images',
      file: inspected.file,
      images: archive.images.length,
      layout: archive.layout,
      unlabelled: archive.unlabelled,
      tasks: archive.tasks.map((t) => ({
        name: t.id,
        distinct: t.classes.length,
        examples: t.classes.slice(0, 6),
      })),
      suggestedLabels: archive.tasks.map((t) => t.id),
    };
  }
  if (inspected.format === 'table') {
    const suggested = suggestColumns(inspected.columns);
    return {
      format: 'table',
      file: inspected.file,
      rows: inspected.table.rows.length,
      columns: inspected.columns,
      suggestedText: suggested.text,
      suggestedLabels: suggested.labels,
    };
  }
  const { sentences, tagColumns, labelKeys } = inspected.corpus;
  const tags = tagColumns.map((c) =>
    summarize(
      c,
      sentences.flatMap((s) => s.tags[c]),
    ),
  );
  const labels = labelKeys.map((k) =>
    summarize(
      k,
      sentences.map((s) => s.labels[k] ?? ''),
    ),
  );
  return {
    format: inspected.format,
    file: inspected.file,
    sentences: sentences.length,
    tokens: sentences.reduce((n, s) => n + s.tokens.length, 0),
    longSentences:
      sentences.filter((s) => s.tokens.length > DEFAULT_TEXT_PIPELINE.maxLength).length /
      sentences.length,
    tagColumns: tags,
    labelKeys: labels,
    // UPOS is the one tag set every UD treebank shares; other formats: every column.
    suggestedLabels:
      inspected.format === 'conllu'
        ? tags.filter((t) => t.name === 'upos').map((t) => t.name)
        : [...tags.map((t) => t.name), ...labels.filter((l) => l.distinct >= 2).map((l) => l.name)],
  };
}

/**
 * The dataset the user asked for, from an inspected file. Image archives also need their images
 * decoded (a browser's job): `pixels`, row-major, choice.image.size² × channels per image.
 */
export function buildImport(
  inspected: InspectedFile,
  choice: ImportChoice,
  pixels?: Uint8Array,
): Parsed<EncodedDataset> {
  const base: Omit<DatasetInfo, 'input' | 'tasks'> = {
    id: `import:${inspected.file}`,
    name: inspected.file,
    description: '',
    source: `Your file ${inspected.file}`,
    license: 'Yours',
  };
  if (choice.labels.length === 0)
    return { ok: false, error: { file: inspected.file, message: 'choose at least one task.' } };
  if (inspected.format === 'images') {
    const { archive } = inspected;
    const { size, channels } = choice.image ?? DEFAULT_IMAGE_IMPORT;
    if (!pixels || pixels.length !== archive.images.length * size * size * channels) {
      throw new Error('buildImport: decoded pixels missing or of the wrong size');
    }
    const tasks = archive.tasks.filter((t) => choice.labels.includes(t.id));
    if (tasks.length === 0)
      return { ok: false, error: { file: inspected.file, message: 'choose at least one task.' } };
    return {
      ok: true,
      value: {
        info: {
          ...base,
          description: `${archive.images.length.toLocaleString('en')} images, labels from ${archive.layout === 'csv' ? 'a CSV file' : 'folder names'}${archive.unlabelled > 0 ? `; ${archive.unlabelled} images without a CSV row left out` : ''}.`,
          input: { kind: 'image', height: size, width: size, channels },
          tasks,
        },
        count: archive.images.length,
        x: pixels,
        y: Object.fromEntries(tasks.map((t) => [t.id, archive.labels[t.id]])),
      },
    };
  }
  if (inspected.format === 'table') {
    if (!choice.textColumn)
      return {
        ok: false,
        error: { file: inspected.file, message: 'choose the column that holds the text.' },
      };
    return fromTable(
      inspected.table,
      {
        ...base,
        description: `${inspected.table.rows.length.toLocaleString('en')} rows; text from "${choice.textColumn}".`,
      },
      { textColumn: choice.textColumn, labelColumns: choice.labels, pipeline: choice.pipeline },
      inspected.columns,
    );
  }
  const corpus = inspected.corpus;
  const unknown = choice.labels.find(
    (l) => !corpus.tagColumns.includes(l) && !corpus.labelKeys.includes(l),
  );
  if (unknown)
    return {
      ok: false,
      error: { file: inspected.file, message: `no tag column or sentence label "${unknown}".` },
    };
  return fromTaggedCorpus(
    corpus,
    {
      ...base,
      description: `${corpus.sentences.length.toLocaleString('en')} sentences (${inspected.format === 'conllu' ? 'CoNLL-U' : 'column format'}).`,
    },
    {
      tagColumns: choice.labels.filter((l) => corpus.tagColumns.includes(l)),
      labelKeys: choice.labels.filter((l) => corpus.labelKeys.includes(l)),
    },
    // Tags belong to words: tagged files are always read word by word.
    { ...choice.pipeline, level: 'word' },
  );
}
