import type { InputSpec } from '../spec/types';
import type { TaskInfo } from '../tasks';
import type { TextPipeline } from '../text/tokenize';

/** What the UI shows about a dataset and what a model spec is built from. */
export interface DatasetInfo {
  /** A built-in id (links use it), or `import:<file name>`. */
  id: string;
  name: string;
  description: string;
  source: string;
  license: string;
  input: InputSpec;
  tasks: TaskInfo[];
}

/**
 * A dataset ready for tensors: plain typed arrays, row-major.
 *   image input:  x is uint8 pixels [count × H × W × C]
 *   token input:  x is int32 ids [count × maxLength], 0 = padding, 1 = out of vocabulary
 *   labels:       classification Int32Array [count]; tagging Int32Array [count × maxLength] with
 *                 −1 where there is no token; regression Float32Array [count]
 */
export interface EncodedDataset {
  info: DatasetInfo;
  count: number;
  x: Uint8Array | Int32Array;
  y: Record<string, Int32Array | Float32Array>;
  /** Token input only. */
  text?: {
    vocabulary: string[];
    /** The tokens as read, for previews. */
    tokens: string[][];
    truncated: number;
    oovRate: number;
    /** How raw text became these ids: typed text is encoded the same way. */
    pipeline: TextPipeline;
  };
}

export type DatasetPreview =
  | {
      kind: 'image';
      height: number;
      width: number;
      channels: number;
      images: Uint8Array[];
      labels: Record<string, string>[];
    }
  | {
      kind: 'text';
      rows: { tokens: string[]; labels: Record<string, string>; tags: Record<string, string[]> }[];
    };

/** The dataset card: counts, class balance and a preview, as plain data for the UI. */
export interface DatasetCard {
  info: DatasetInfo;
  count: number;
  /** Per task: how many examples (or tokens, for tagging) have each class. */
  classCounts: Record<string, number[]>;
  preview: DatasetPreview;
  text?: { vocabularySize: number; maxLength: number; truncated: number; oovRate: number };
}

const PREVIEW_IMAGES = 24;
const PREVIEW_ROWS = 6;

export function describeDataset(ds: EncodedDataset): DatasetCard {
  const classCounts: Record<string, number[]> = {};
  for (const task of ds.info.tasks) {
    if (task.kind === 'regression' || task.kind === 'reconstruction') continue;
    const counts = new Array<number>(task.classes.length).fill(0);
    for (const v of ds.y[task.id]) if (v >= 0) counts[v]++;
    classCounts[task.id] = counts;
  }
  const label = (task: TaskInfo, n: number) => {
    const v = ds.y[task.id][n];
    return task.kind === 'regression' ? String(v) : task.classes[v];
  };
  const exampleTasks = ds.info.tasks.filter(
    (t) => t.kind === 'classification' || t.kind === 'regression',
  );
  const tagTasks = ds.info.tasks.filter((t) => t.kind === 'sequenceLabeling');
  let preview: DatasetPreview;
  if (ds.info.input.kind === 'image') {
    const { height, width, channels } = ds.info.input;
    const size = height * width * channels;
    const n = Math.min(PREVIEW_IMAGES, ds.count);
    // Spread over the file, which may be sorted by class.
    const picks = Array.from({ length: n }, (_, i) => Math.floor((i * ds.count) / n));
    preview = {
      kind: 'image',
      height,
      width,
      channels,
      images: picks.map((i) => (ds.x as Uint8Array).slice(i * size, (i + 1) * size)),
      labels: picks.map((i) => Object.fromEntries(exampleTasks.map((t) => [t.id, label(t, i)]))),
    };
  } else {
    const T = ds.info.input.maxLength;
    const n = Math.min(PREVIEW_ROWS, ds.count);
    preview = {
      kind: 'text',
      rows: Array.from({ length: n }, (_, i) => {
        const tokens = (ds.text?.tokens[i] ?? []).slice(0, T);
        return {
          tokens,
          labels: Object.fromEntries(exampleTasks.map((t) => [t.id, label(t, i)])),
          tags: Object.fromEntries(
            tagTasks.map((t) => [
              t.id,
              tokens.map((_, k) => t.classes[ds.y[t.id][i * T + k]] ?? ''),
            ]),
          ),
        };
      }),
    };
  }
  return {
    info: ds.info,
    count: ds.count,
    classCounts,
    preview,
    text:
      ds.text && ds.info.input.kind === 'tokens'
        ? {
            vocabularySize: ds.text.vocabulary.length,
            maxLength: ds.info.input.maxLength,
            truncated: ds.text.truncated,
            oovRate: ds.text.oovRate,
          }
        : undefined,
  };
}
