import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../core/datasets/encoded';
import { nmi, purity } from '../core/insight/clusterScores';
import { meanGateWeights } from '../core/insight/gateUsage';
import { kmeans } from '../core/insight/kmeans';
import { pca2 } from '../core/insight/pca';
import type {
  ClusterResult,
  EmbeddingResult,
  EmbeddingUnit,
  EmbeddingView,
  GateUsage,
  Reconstructions,
  TryInput,
  TryResult,
} from '../core/insight/types';
import type { ModelSpec } from '../core/spec/types';
import { OOV_ID, PAD_ID, tokenize } from '../core/text/tokenize';
import type { TensorSplit } from '../engine/data';
import { ModelInspector } from '../engine/inspect';

/** Validation examples the embedding view projects (a random subset: the split is shuffled). */
const EMBEDDING_EXAMPLES = 1000;
/** Tokens the per-token view projects, taken sentence by sentence from those examples. */
const EMBEDDING_TOKENS = 2000;
/** Validation examples the expert utilisation averages over. */
const GATE_USAGE_EXAMPLES = 1000;

/** What the insight views read: the model as it is now and the data it is judged on. */
export interface InsightContext {
  model: tf.LayersModel;
  /** The model's spec with the current temperatures. */
  spec: ModelSpec;
  dataset: EncodedDataset;
  validation: TensorSplit;
  /** Dataset example of each validation row. */
  rows: Int32Array;
  /** Steps the model has trained. */
  step: () => number;
}

/** A view's points in the full shared representation, kept for clustering. */
interface Cached {
  matrix: Float32Array;
  dims: number;
  labels: Record<string, Int32Array>;
}

/** Answers the insight views' questions for one built model. */
export class Insight {
  private readonly inspector: ModelInspector;
  private readonly cache = new Map<EmbeddingUnit, Cached>();

  constructor(private readonly ctx: InsightContext) {
    this.inspector = new ModelInspector(ctx.model, ctx.spec);
  }

  async tryInput(input: TryInput): Promise<TryResult> {
    const { dataset, spec, validation } = this.ctx;
    const info = dataset.info.input;
    let tokens: TryResult['tokens'];
    let example: TryResult['example'];
    /** Real tokens of the input (tag logits are cut to them). */
    let length = info.kind === 'tokens' ? info.maxLength : 0;
    const x = tf.tidy(() => {
      switch (input.kind) {
        case 'pixels': {
          if (info.kind !== 'image') throw new Error('This model reads text, not images.');
          const size = info.height * info.width * info.channels;
          if (input.pixels.length !== size) {
            throw new Error(
              `The drawing has ${input.pixels.length} values; the model reads ${size}.`,
            );
          }
          return tf.tensor4d(input.pixels, [1, info.height, info.width, info.channels]);
        }
        case 'text': {
          const text = dataset.text;
          if (info.kind !== 'tokens' || !text)
            throw new Error('This model reads images, not text.');
          const ids = encodeText(input.text, text.vocabulary, text.pipeline, info.maxLength);
          tokens = ids.tokens;
          length = ids.tokens.length;
          return tf.tensor2d(ids.ids, [1, info.maxLength], 'int32');
        }
        case 'validation': {
          const index = Math.floor(input.index);
          if (!(index >= 0 && index < validation.count)) {
            throw new Error(`There is no validation example ${input.index + 1}.`);
          }
          example = this.example(index);
          if (example.tokens) length = Math.min(example.tokens.length, length);
          return validation.x.slice(index, 1);
        }
      }
    });
    try {
      const [heads, gates] = await Promise.all([
        this.inspector.heads(x),
        this.inspector.gateWeights(x),
      ]);
      return {
        heads: spec.heads.map((h, i) => ({
          task: h.task,
          kind: h.kind,
          temperature: h.temperature,
          values:
            h.kind === 'sequenceLabeling'
              ? heads[i].values.slice(0, length * h.units)
              : heads[i].values,
        })),
        gates: this.inspector.gates.map((g, i) => ({
          task: g.task,
          experts: g.experts,
          weights: Array.from(gates[i].values),
        })),
        ...(tokens ? { tokens } : {}),
        ...(example ? { example } : {}),
        validationCount: validation.count,
      };
    } finally {
      x.dispose();
    }
  }

  /** Validation example `index` as the user sees it, with its true labels. */
  private example(index: number): NonNullable<TryResult['example']> {
    const { dataset, validation, rows } = this.ctx;
    const info = dataset.info.input;
    const at = rows[index];
    const labels: Record<string, number[]> = {};
    for (const task of dataset.info.tasks) {
      const all = validation.labels[task.id];
      if (!all) continue;
      const width = task.kind === 'sequenceLabeling' && info.kind === 'tokens' ? info.maxLength : 1;
      labels[task.id] = Array.from(all.subarray(index * width, (index + 1) * width));
    }
    if (info.kind === 'image') {
      const size = info.height * info.width * info.channels;
      return { index, pixels: (dataset.x as Uint8Array).slice(at * size, (at + 1) * size), labels };
    }
    const tokens = (dataset.text?.tokens[at] ?? []).slice(0, info.maxLength);
    return { index, tokens, labels };
  }

  async embedding(): Promise<EmbeddingResult> {
    const { dataset, validation, rows } = this.ctx;
    const source = this.inspector.sharedSource;
    if (!source) {
      throw new Error(
        'The heads of this model share no layer, so there is no shared representation to show.',
      );
    }
    const n = Math.min(EMBEDDING_EXAMPLES, validation.count);
    const x = validation.x.slice(0, n);
    let shared;
    try {
      shared = (await this.inspector.shared(x))!;
    } finally {
      x.dispose();
    }
    const info = dataset.info.input;
    const tasks = dataset.info.tasks;
    const exampleLabels = (count: number) =>
      Object.fromEntries(
        tasks
          .filter((t) => t.kind === 'classification')
          .map((t) => [t.id, Int32Array.from(validation.labels[t.id].subarray(0, count))]),
      );
    const views: EmbeddingView[] = [];
    const perToken = shared.shape.length === 3 && info.kind === 'tokens';
    if (!perToken) {
      const dims = shared.values.length / n;
      views.push(this.view('example', shared.values, dims, exampleLabels(n), this.hoverItems(n)));
    } else {
      const [, T, F] = shared.shape;
      // Token ids from the dataset itself (validation row i is example rows[i]).
      const x = dataset.x as Int32Array;
      const isPad = (i: number, t: number) => x[rows[i] * T + t] === PAD_ID;
      // One vector per sentence: the mean over its real tokens.
      const pooled = new Float32Array(n * F);
      for (let i = 0; i < n; i++) {
        let real = 0;
        for (let t = 0; t < T; t++) {
          if (isPad(i, t)) continue;
          real++;
          for (let f = 0; f < F; f++) pooled[i * F + f] += shared.values[(i * T + t) * F + f];
        }
        if (real > 0) for (let f = 0; f < F; f++) pooled[i * F + f] /= real;
      }
      views.push(this.view('example', pooled, F, exampleLabels(n), this.hoverItems(n)));
      // One vector per token, sentence by sentence, coloured by tags or by the sentence's class.
      const picked: { i: number; t: number }[] = [];
      for (let i = 0; i < n && picked.length < EMBEDDING_TOKENS; i++) {
        for (let t = 0; t < T && picked.length < EMBEDDING_TOKENS; t++) {
          if (!isPad(i, t)) picked.push({ i, t });
        }
      }
      const matrix = new Float32Array(picked.length * F);
      picked.forEach(({ i, t }, p) =>
        matrix.set(shared.values.subarray((i * T + t) * F, (i * T + t + 1) * F), p * F),
      );
      const labels: Record<string, Int32Array> = {};
      for (const task of tasks) {
        const all = validation.labels[task.id];
        if (task.kind === 'sequenceLabeling') {
          labels[task.id] = Int32Array.from(picked, ({ i, t }) => all[i * T + t]);
        } else if (task.kind === 'classification') {
          labels[task.id] = Int32Array.from(picked, ({ i }) => all[i]);
        }
      }
      const text = picked.map(({ i, t }) => {
        const sentence = dataset.text?.tokens[rows[i]] ?? [];
        const context = sentence.slice(Math.max(0, t - 4), t + 5);
        const at = Math.min(t, 4);
        return `${sentence[t] ?? '?'} — “${context.map((w, k) => (k === at ? `[${w}]` : w)).join(' ')}”`;
      });
      views.push(this.view('token', matrix, F, labels, { text }));
    }
    return { source, views, step: this.ctx.step() };
  }

  private hoverItems(n: number): Pick<EmbeddingView, 'pixels' | 'text'> {
    const { dataset, rows } = this.ctx;
    const info = dataset.info.input;
    if (info.kind === 'image') {
      const size = info.height * info.width * info.channels;
      const x = dataset.x as Uint8Array;
      return {
        pixels: Array.from({ length: n }, (_, i) => x.slice(rows[i] * size, (rows[i] + 1) * size)),
      };
    }
    return {
      text: Array.from({ length: n }, (_, i) => {
        const tokens = dataset.text?.tokens[rows[i]] ?? [];
        return tokens.slice(0, 16).join(' ') + (tokens.length > 16 ? ' …' : '');
      }),
    };
  }

  private view(
    unit: EmbeddingUnit,
    matrix: Float32Array,
    dims: number,
    labels: Record<string, Int32Array>,
    items: Pick<EmbeddingView, 'pixels' | 'text'>,
  ): EmbeddingView {
    const rows = matrix.length / dims;
    this.cache.set(unit, { matrix, dims, labels });
    const projection = pca2({ values: matrix, rows, cols: dims });
    return {
      unit,
      points: projection.points,
      explained: projection.explained,
      labels,
      dims,
      ...items,
    };
  }

  /** k-means on the full shared representation of a view the embedding request computed. */
  cluster(unit: EmbeddingUnit, k: number, seed: number): ClusterResult {
    const cached = this.cache.get(unit);
    if (!cached) throw new Error('Open the embedding view first: there is nothing to cluster yet.');
    if (!(Number.isInteger(k) && k >= 2 && k <= 50))
      throw new Error('k must be a whole number from 2 to 50.');
    const rows = cached.matrix.length / cached.dims;
    const result = kmeans({ values: cached.matrix, rows, cols: cached.dims }, k, seed);
    return {
      unit,
      k,
      seed,
      assignment: result.assignment,
      inertia: result.inertia,
      scores: Object.entries(cached.labels).map(([task, labels]) => ({
        task,
        purity: purity(result.assignment, labels),
        nmi: nmi(result.assignment, labels),
      })),
    };
  }

  async gateUsage(): Promise<GateUsage> {
    const { validation } = this.ctx;
    const n = Math.min(GATE_USAGE_EXAMPLES, validation.count);
    const x = validation.x.slice(0, n);
    try {
      const gates = await this.inspector.gateWeights(x);
      return {
        tasks: this.inspector.gates.map((g, i) => ({
          task: g.task,
          experts: g.experts,
          mean: meanGateWeights(gates[i].values, g.experts.length),
        })),
        rows: n,
        step: this.ctx.step(),
      };
    } finally {
      x.dispose();
    }
  }

  async reconstructions(count: number): Promise<Reconstructions> {
    const { spec, validation, dataset, rows } = this.ctx;
    const info = dataset.info.input;
    const index = spec.heads.findIndex((h) => h.kind === 'reconstruction');
    if (index < 0 || info.kind !== 'image') throw new Error('This model has no autoencoder head.');
    const n = Math.max(1, Math.min(count, 24, validation.count));
    const x = validation.x.slice(0, n);
    try {
      const outs = await this.inspector.heads(x);
      const size = info.height * info.width * info.channels;
      const rebuilt = outs[index].values;
      const pixels = dataset.x as Uint8Array;
      return {
        task: spec.heads[index].task,
        shape: [info.height, info.width, info.channels],
        originals: Array.from({ length: n }, (_, i) =>
          pixels.slice(rows[i] * size, (rows[i] + 1) * size),
        ),
        rebuilt: Array.from({ length: n }, (_, i) =>
          Uint8Array.from(rebuilt.subarray(i * size, (i + 1) * size), (v) =>
            Math.round(Math.min(1, Math.max(0, v)) * 255),
          ),
        ),
      };
    } finally {
      x.dispose();
    }
  }
}

/** Typed text as the dataset's pipeline encodes it: ids padded to `maxLength`, and the tokens kept. */
export function encodeText(
  text: string,
  vocabulary: readonly string[],
  pipeline: { level: 'word' | 'char'; lowercase: boolean },
  maxLength: number,
): { ids: Int32Array; tokens: { text: string; known: boolean }[] } {
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const raw = tokenize(text, pipeline.level).slice(0, maxLength);
  const ids = new Int32Array(maxLength);
  const tokens = raw.map((token, i) => {
    const id = index.get(pipeline.lowercase ? token.toLowerCase() : token);
    const known = id !== undefined && id > OOV_ID;
    ids[i] = known ? id : OOV_ID;
    return { text: token, known };
  });
  return { ids, tokens };
}
