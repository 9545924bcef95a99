import * as tf from '@tensorflow/tfjs';
import { accuracy, macroF1, metricName } from '../core/metrics';
import { createRng, deriveSeed, permutation, type Rng } from '../core/random';
import type { HeadSpec, ModelSpec } from '../core/spec/types';
import type { TaskSettings, TrainConfig } from '../core/training/config';
import type { StepPoint, TaskEpochValues } from '../core/training/history';
import { buildModel, setGateTemperature } from './buildModel';
import type { TensorSplit } from './data';
import { headLoss, inverseFrequencyWeights } from './losses';
import { createOptimizer } from './optimizers';

const EVAL_BATCH = 256;

/**
 * Training metrics (accuracy…) are measured on every METRIC_EVERY-th batch, always including the
 * first after a read-back: an unbiased sample of the window's mean, at a fraction of the ops,
 * which matters on WebGL where every op is a shader dispatch.
 */
export const METRIC_EVERY = 4;
/**
 * Steps between measurements of each task's gradient norm on the shared parameters: one extra
 * forward and backward pass per task, so not every step.
 */
export const GRAD_NORM_EVERY = 50;
/** Layers every task trains: the trunk's and the experts' (gates and heads are a task's own). */
const SHARED_LAYER = /^trunk_|_expert\d+_/;

/**
 * Per-step values summed on the backend until the next read-back. Running sums keep every op
 * the same shape from step to step: stacking a varying number of per-step scalars would make
 * WebGL compile a new shader for almost every read-back.
 */
interface WindowSums {
  /** [total, loss per head], summed over `steps`. */
  losses: tf.Tensor1D;
  steps: number;
  /** Metric per head, summed over `metricSteps` (the window's first step is always sampled). */
  metrics: tf.Tensor1D;
  metricSteps: number;
}

/** Running sums over an epoch's flushed steps, for the epoch's training-set means. */
interface EpochSums {
  steps: number;
  total: number;
  tasks: Record<string, { loss: number; metric: number; metricSteps: number }>;
}

/**
 * Multi-task training loop: total loss L = Σ wᵢ·Lᵢ minimised with `optimizer.minimize`
 * (TF.js `fit()` has no per-output loss weights). Steps run without reading values back;
 * `flush()` reads the queued per-step losses in one transfer.
 */
export class MultiTaskTrainer {
  readonly model: tf.LayersModel;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private readonly optimizer: tf.Optimizer;
  private readonly variables: tf.Variable[];
  private readonly heads: readonly HeadSpec[];
  private readonly settings: Map<string, TaskSettings>;
  private readonly classWeights: Record<string, number[]>;
  private readonly shuffleRng: Rng;
  private order: Int32Array = new Int32Array(0);
  private readonly sharedVariables: tf.Variable[];
  private lastBatch: Int32Array | null = null;
  private lastNormStep = -GRAD_NORM_EVERY;
  private window: WindowSums | null = null;
  private epochSums: EpochSums;
  /** Completed steps over the whole run. */
  step = 0;

  constructor(
    readonly spec: ModelSpec,
    readonly config: TrainConfig,
    private readonly train: TensorSplit,
    private readonly validation: TensorSplit,
  ) {
    this.heads = spec.heads;
    this.model = buildModel(spec, config.seed);
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.sharedVariables = this.model.layers
      .filter((l) => SHARED_LAYER.test(l.name))
      .flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
    this.optimizer = createOptimizer(config.optimizer, config.learningRate);
    this.settings = new Map(
      spec.heads.map((h) => [h.task, { weight: h.weight, temperature: h.temperature }]),
    );
    this.classWeights = {};
    for (const h of spec.heads) {
      if (h.loss.type === 'weightedFocal' && h.loss.classWeights === 'inverseFrequency') {
        this.classWeights[h.task] = inverseFrequencyWeights(train.labels[h.task], h.units);
      }
    }
    this.shuffleRng = createRng(deriveSeed(config.seed, 'shuffle'));
    this.stepsPerEpoch = Math.ceil(train.count / config.batchSize);
    this.totalSteps = this.stepsPerEpoch * config.epochs;
    this.epochSums = this.emptySums();
  }

  get epochsDone(): number {
    return Math.floor(this.step / this.stepsPerEpoch);
  }

  get done(): boolean {
    return this.step >= this.totalSteps;
  }

  /** True right after the last step of an epoch. */
  get atEpochEnd(): boolean {
    return this.step > 0 && this.step % this.stepsPerEpoch === 0;
  }

  /** Takes effect from the next step, also while training runs. */
  setTaskSettings(task: string, settings: TaskSettings): void {
    if (!this.settings.has(task)) return;
    this.settings.set(task, { ...settings });
    const head = this.heads.find((h) => h.task === task);
    if (head?.gate && settings.gateTemperature !== undefined) {
      setGateTemperature(this.model, task, settings.gateTemperature);
    }
  }

  /** One optimisation step on the next mini-batch. No GPU→CPU transfer. */
  trainStep(): void {
    const within = this.step % this.stepsPerEpoch;
    if (within === 0) this.order = permutation(this.train.count, this.shuffleRng);
    const start = within * this.config.batchSize;
    const batch = this.order.subarray(
      start,
      Math.min(start + this.config.batchSize, this.train.count),
    );
    const settings = this.heads.map((h) => this.settings.get(h.task)!);
    this.lastBatch = batch;
    const previous = this.window;
    const measure = !previous || previous.steps % METRIC_EVERY === 0;

    const sums = tf.tidy(() => {
      const idx = tf.tensor1d(batch, 'int32');
      const x = tf.gather(this.train.x, idx);
      // A reconstruction head's target is its own input.
      const ys = this.heads.map((h) =>
        h.kind === 'reconstruction' ? x : tf.gather(this.train.y[h.task], idx),
      );
      let lossRow: tf.Tensor1D | null = null;
      let outputs: tf.Tensor[] = [];
      this.optimizer.minimize(
        () => {
          const raw = this.model.apply(x, { training: true });
          // Kept: minimize() disposes everything its closure makes except the returned cost.
          outputs = ((Array.isArray(raw) ? raw : [raw]) as tf.Tensor[]).map((t) => tf.keep(t));
          const perTask = this.heads.map((h, i) =>
            headLoss(
              h.loss,
              ys[i],
              outputs[i],
              settings[i].temperature,
              this.classWeights[h.task],
              hasPadding(h),
            ),
          );
          const weighted = perTask.map((l, i) =>
            settings[i].weight === 1 ? l : tf.mul(l, settings[i].weight),
          );
          const total = (weighted.length === 1 ? weighted[0] : tf.addN(weighted)) as tf.Scalar;
          // [total, loss per head] in one op: on WebGL every op is a shader dispatch.
          lossRow = tf.keep(tf.stack([total, ...perTask]) as tf.Tensor1D);
          return total;
        },
        false,
        this.variables,
      );
      // Metrics outside the gradient tape: the backward pass need not look at them.
      const metricRow = measure
        ? (tf.stack(this.heads.map((h, i) => batchMetric(h, ys[i], outputs[i]))) as tf.Tensor1D)
        : null;
      tf.dispose(outputs);
      const row = lossRow!;
      // `row` was kept inside minimize(), so tidy will not free it: free it once summed.
      const losses: tf.Tensor1D = previous ? tf.add(previous.losses, row) : row;
      if (previous) row.dispose();
      // Returned unchanged when not sampled: tidy leaves tensors from outside its scope alone.
      const metrics: tf.Tensor1D = !metricRow
        ? previous!.metrics
        : previous
          ? tf.add(previous.metrics, metricRow)
          : metricRow;
      return { losses, metrics };
    });
    if (previous) {
      previous.losses.dispose();
      if (previous.metrics !== sums.metrics) previous.metrics.dispose();
    }
    this.window = {
      losses: sums.losses,
      steps: (previous?.steps ?? 0) + 1,
      metrics: sums.metrics,
      metricSteps: (previous?.metricSteps ?? 0) + (measure ? 1 : 0),
    };
    this.step++;
  }

  /**
   * Means of the steps since the last flush, read back in one transfer; null if none. The window
   * is taken at once, so training may go on while the read is under way.
   */
  async flush(): Promise<StepPoint | null> {
    const window = this.window;
    if (!window) return null;
    this.window = null;
    const k = this.heads.length;
    const step = this.step;
    const norms =
      this.sharedVariables.length > 0 &&
      this.lastBatch &&
      step - this.lastNormStep >= GRAD_NORM_EVERY
        ? this.sharedGradientNorms(this.lastBatch)
        : null;
    if (norms) this.lastNormStep = step;
    const both = tf.concat([window.losses, window.metrics, ...(norms ? [norms] : [])]);
    norms?.dispose();
    window.losses.dispose();
    window.metrics.dispose();
    const values = await both.data();
    both.dispose();
    const n = window.steps;
    const m = window.metricSteps;
    const tasks: StepPoint['tasks'] = {};
    this.heads.forEach((h, i) => {
      const loss = values[1 + i] / n;
      const metric = values[1 + k + i] / m;
      tasks[h.task] = {
        loss,
        metric,
        weight: this.settings.get(h.task)!.weight,
        ...(norms ? { gradNorm: values[1 + 2 * k + i] } : {}),
      };
      const sums = this.epochSums.tasks[h.task];
      sums.loss += values[1 + i];
      sums.metric += values[1 + k + i];
      sums.metricSteps += m;
    });
    this.epochSums.steps += n;
    this.epochSums.total += values[0];
    return {
      step,
      epoch: step / this.stepsPerEpoch,
      totalLoss: values[0] / n,
      learningRate: this.config.learningRate,
      tasks,
    };
  }

  /**
   * ‖∂Lᵢ/∂θ_shared‖ for each task i on a batch: how hard each task pulls on the shared layers
   * (GradNorm, Chen et al. 2018, balances exactly these). The caller owns the result.
   */
  private sharedGradientNorms(batch: Int32Array): tf.Tensor1D {
    return tf.tidy(() => {
      const idx = tf.tensor1d(batch, 'int32');
      const x = tf.gather(this.train.x, idx);
      const norms = this.heads.map((h, i) => {
        const y = h.kind === 'reconstruction' ? x : tf.gather(this.train.y[h.task], idx);
        const { value, grads } = tf.variableGrads(() => {
          const raw = this.model.apply(x, { training: true });
          const out = (Array.isArray(raw) ? raw : [raw])[i] as tf.Tensor;
          const t = this.settings.get(h.task)!.temperature;
          return headLoss(h.loss, y, out, t, this.classWeights[h.task], hasPadding(h)) as tf.Scalar;
        }, this.sharedVariables);
        value.dispose();
        return tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
      });
      return tf.stack(norms) as tf.Tensor1D;
    });
  }

  /** Training-set means over the epoch just finished (flush first); resets the sums. */
  takeEpochTrainValues(): Record<string, TaskEpochValues> {
    const sums = this.epochSums;
    this.epochSums = this.emptySums();
    const out: Record<string, TaskEpochValues> = {};
    for (const h of this.heads) {
      const s = sums.tasks[h.task];
      out[h.task] = {
        loss: s.loss / sums.steps,
        metricName: metricName(h.kind),
        metric: s.metric / s.metricSteps,
      };
    }
    return out;
  }

  /** Loss and metrics on a split, in inference mode. */
  async evaluate(split: TensorSplit = this.validation): Promise<Record<string, TaskEpochValues>> {
    const lossSums = new Array<number>(this.heads.length).fill(0);
    const predictedChunks: ArrayLike<number>[][] = this.heads.map(() => []);
    for (let start = 0; start < split.count; start += EVAL_BATCH) {
      const size = Math.min(EVAL_BATCH, split.count - start);
      const { losses, preds } = tf.tidy(() => {
        const x = split.x.slice(start, size);
        const raw = this.model.predict(x);
        const outputs = Array.isArray(raw) ? raw : [raw];
        const ys = this.heads.map((h) =>
          h.kind === 'reconstruction' ? x : split.y[h.task].slice(start, size),
        );
        const losses = tf.stack(
          this.heads.map((h, i) => {
            const t = this.settings.get(h.task)!.temperature;
            return tf.mul(
              headLoss(h.loss, ys[i], outputs[i], t, this.classWeights[h.task], hasPadding(h)),
              size,
            );
          }),
        );
        // Categorical heads: predicted ids; others: the batch's summed squared error.
        const preds = this.heads.map((h, i) =>
          isCategorical(h)
            ? tf.argMax(outputs[i], -1)
            : tf.mul(tf.mean(tf.squaredDifference(ys[i], outputs[i])), size),
        );
        return { losses, preds };
      });
      const lossValues = await losses.data();
      losses.dispose();
      for (let i = 0; i < this.heads.length; i++) {
        lossSums[i] += lossValues[i];
        predictedChunks[i].push(await preds[i].data());
        preds[i].dispose();
      }
    }
    const out: Record<string, TaskEpochValues> = {};
    this.heads.forEach((h, i) => {
      const loss = lossSums[i] / split.count;
      const predicted = concat(predictedChunks[i]);
      const name = metricName(h.kind);
      if (isCategorical(h)) {
        const truth = split.labels[h.task];
        // Padding positions (label < 0) count in no metric.
        const mask = h.kind === 'sequenceLabeling' ? truth.map((t) => (t >= 0 ? 1 : 0)) : undefined;
        out[h.task] = {
          loss,
          metricName: name,
          metric: accuracy(truth, predicted, mask),
          macroF1: macroF1(truth, predicted, h.units, mask),
        };
      } else {
        out[h.task] = {
          loss,
          metricName: name,
          metric: predicted.reduce((a, b) => a + b, 0) / split.count,
        };
      }
    });
    return out;
  }

  /**
   * Every head's output on a split as plain arrays: softmax probabilities (at the head's
   * temperature) for categorical heads, values for regression. Reconstruction heads are skipped.
   */
  async predictions(split: TensorSplit = this.validation): Promise<Record<string, Float32Array>> {
    const chunks: Record<string, Float32Array[]> = {};
    const heads = this.heads.filter((h) => h.kind !== 'reconstruction');
    for (let start = 0; start < split.count; start += EVAL_BATCH) {
      const size = Math.min(EVAL_BATCH, split.count - start);
      const outs = tf.tidy(() => {
        const raw = this.model.predict(split.x.slice(start, size));
        const outputs = Array.isArray(raw) ? raw : [raw];
        return heads.map((h) => {
          const out = outputs[this.heads.indexOf(h)];
          const t = this.settings.get(h.task)!.temperature;
          return isCategorical(h) ? tf.softmax(tf.div(out, t)) : out;
        });
      });
      for (let i = 0; i < heads.length; i++) {
        (chunks[heads[i].task] ??= []).push((await outs[i].data()) as Float32Array);
        outs[i].dispose();
      }
    }
    return Object.fromEntries(
      Object.entries(chunks).map(([task, parts]) => {
        const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          all.set(p, at);
          at += p.length;
        }
        return [task, all];
      }),
    );
  }

  dispose(): void {
    if (this.window) {
      this.window.losses.dispose();
      this.window.metrics.dispose();
      this.window = null;
    }
    this.optimizer.dispose();
    this.model.dispose();
  }

  private emptySums(): EpochSums {
    return {
      steps: 0,
      total: 0,
      tasks: Object.fromEntries(
        this.heads.map((h) => [h.task, { loss: 0, metric: 0, metricSteps: 0 }]),
      ),
    };
  }
}

const isCategorical = (h: HeadSpec) => h.kind === 'classification' || h.kind === 'sequenceLabeling';
/** Tagging heads pad short sentences with the label −1. */
const hasPadding = (h: HeadSpec) => h.kind === 'sequenceLabeling';

function concat(chunks: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The head's training metric on one batch, as a scalar tensor. */
function batchMetric(head: HeadSpec, yTrue: tf.Tensor, output: tf.Tensor): tf.Scalar {
  if (head.kind === 'classification') {
    return tf.mean(tf.cast(tf.equal(tf.argMax(output, -1), yTrue), 'float32')) as tf.Scalar;
  }
  if (head.kind === 'sequenceLabeling') {
    const mask = tf.cast(tf.greaterEqual(yTrue, 0), 'float32');
    const hits = tf.mul(tf.cast(tf.equal(tf.argMax(output, -1), yTrue), 'float32'), mask);
    return tf.div(tf.sum(hits), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  }
  return tf.mean(tf.squaredDifference(yTrue, output)) as tf.Scalar;
}
