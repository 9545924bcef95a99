import type { TaskInfo } from '../tasks';
import { buildVocabulary, encodeTags, encodeTokens, type TextPipeline } from '../text/tokenize';
import type { DatasetInfo, EncodedDataset } from './encoded';
import { taskIdFor } from './fromTable';
import type { Parsed } from './parseError';
import type { TaggedCorpus } from './taggedCorpus';

export interface TaggedTaskChoice {
  /** Tag columns that become sequence-labeling tasks. */
  tagColumns: string[];
  /** Sentence label keys that become classification tasks. */
  labelKeys: string[];
  /** Display names for task ids; defaults to the id. */
  labels?: Record<string, string>;
  descriptions?: Record<string, string>;
}

const sortedValues = (values: Iterable<string>) => [...new Set(values)].sort();

/** Turns tagged sentences into a token dataset with one task per chosen column or label. */
export function fromTaggedCorpus(
  corpus: TaggedCorpus,
  base: Omit<DatasetInfo, 'input' | 'tasks'>,
  choice: TaggedTaskChoice,
  pipeline: TextPipeline,
): Parsed<EncodedDataset> {
  const tokens = corpus.sentences.map((s) => s.tokens);
  const tasks: TaskInfo[] = [];
  const y: Record<string, Int32Array> = {};
  const taken = new Set<string>();
  for (const key of choice.labelKeys) {
    const missing = corpus.sentences.findIndex((s) => s.labels[key] === undefined);
    if (missing >= 0) {
      return {
        ok: false,
        error: { file: base.name, message: `sentence ${missing + 1} has no "${key}" label.` },
      };
    }
    const classes = sortedValues(corpus.sentences.map((s) => s.labels[key]));
    const index = new Map(classes.map((c, i) => [c, i]));
    const id = taskIdFor(key, taken);
    y[id] = Int32Array.from(corpus.sentences, (s) => index.get(s.labels[key])!);
    tasks.push({
      id,
      label: choice.labels?.[key] ?? key,
      kind: 'classification',
      classes,
      description: choice.descriptions?.[key] ?? `Sentence label "${key}".`,
    });
  }
  for (const column of choice.tagColumns) {
    const classes = sortedValues(corpus.sentences.flatMap((s) => s.tags[column]));
    const index = new Map(classes.map((c, i) => [c, i]));
    const id = taskIdFor(column, taken);
    y[id] = encodeTags(
      corpus.sentences.map((s) => Int32Array.from(s.tags[column], (t) => index.get(t)!)),
      pipeline.maxLength,
    );
    tasks.push({
      id,
      label: choice.labels?.[column] ?? column,
      kind: 'sequenceLabeling',
      classes,
      description: choice.descriptions?.[column] ?? `One "${column}" tag per token.`,
    });
  }
  const vocabulary = buildVocabulary(tokens, pipeline);
  const encoded = encodeTokens(tokens, vocabulary, pipeline);
  return {
    ok: true,
    value: {
      info: {
        ...base,
        input: { kind: 'tokens', vocabSize: pipeline.vocabSize, maxLength: pipeline.maxLength },
        tasks,
      },
      count: tokens.length,
      x: encoded.ids,
      y,
      text: {
        vocabulary,
        tokens,
        truncated: encoded.truncated,
        oovRate: encoded.oovRate,
        pipeline,
      },
    },
  };
}
