import * as tf from '@tensorflow/tfjs';
import { accuracy, macroF1, metricName } from '../core/metrics';
import { createRng, deriveSeed, permutation, type Rng } from '../core/random';
import type { HeadSpec, ModelSpec } from '../core/spec/types';
import type { TaskSettings, TrainConfig } from '../core/training/config';
import type { StepPoint, TaskEpochValues } from '../core/training/history';
import { findDivergence, type Divergence } from '../core/training/divergence';
import { cosineMatrix } from '../core/weighting/gradient';
import { DEFAULT_WEIGHTING, type WeightingConfig } from '../core/weighting/strategies';
import {
  buildNetwork,
  setGateTemperature,
  sharedLayerTest,
  type Network,
  type SharedOutputs,
} from './buildModel';
import type { TensorSplit } from './data';
import { headLoss, inverseFrequencyWeights } from './losses';
import { createOptimizer, disposeOptimizer } from './optimizers';
import { WeightingState, type StepPlan } from './weighting';

const EVAL_BATCH = 256;

/**
 * Training metrics (accuracy…) are measured on every METRIC_EVERY-th batch, always including the
 * first after a read-back: an unbiased sample of the window's mean, at a fraction of the ops,
 * which matters on WebGL where every op is a shader dispatch.
 */
export const METRIC_EVERY = 4;
/**
 * Steps between measurements of the tasks' gradients on the shared parameters (norms and
 * cosines): one extra forward and backward pass per task, so not every step.
 */
export const GRAD_NORM_EVERY = 50;

/**
 * Per-step values summed on the backend until the next read-back. Running sums keep every op
 * the same shape from step to step: stacking a varying number of per-step scalars would make
 * WebGL compile a new shader for almost every read-back.
 */
interface WindowSums {
  /** [objective, loss per head], summed over `steps`. */
  losses: tf.Tensor1D;
  steps: number;
  /** Metric per head, summed over `metricSteps` (the window's first step is always sampled). */
  metrics: tf.Tensor1D;
  metricSteps: number;
  /** Effective weight per head summed over `steps`: plain numbers where the weights are. */
  weights: number[];
  /** The part of those sums that only the backend knows (uncertainty and geometric steps). */
  tensorWeights: tf.Tensor1D | null;
  /**
   * 1 where every step so far had a finite value, per [objective, loss per head];
   * `leading` sums it, so it counts the finite steps before the first bad one.
   */
  alive: tf.Tensor1D;
  leading: tf.Tensor1D;
}

/** Copies of the trainable variables after `step` steps. */
interface WeightSnapshot {
  step: number;
  values: tf.Tensor[];
  logVariance: tf.Tensor | null;
}

/** Running sums over an epoch's flushed steps, for the epoch's training-set means. */
interface EpochSums {
  steps: number;
  total: number;
  tasks: Record<string, { loss: number; metric: number; metricSteps: number }>;
}

/**
 * Multi-task training loop: the task losses are combined by a weighting strategy (static weights
 * by default: L = Σ wᵢ·Lᵢ) and minimised with `optimizer.minimize` (TF.js `fit()` has no
 * per-output loss weights). Loss-level steps run without reading values back; `flush()` reads
 * the queued per-step losses in one transfer. Gradient-level steps read the K×K Gram matrix of
 * the tasks' gradients on the shared representation once per step.
 */
export class MultiTaskTrainer {
  readonly model: tf.LayersModel;
  private readonly network: Network;
  private weighting: WeightingState;
  /** Uncertainty weighting's log-variances sᵢ, created when that strategy is first used. */
  private logVariance: tf.Variable | null = null;
  /** Set by the fan-out's backward pass: the coefficients it applied to the task gradients. */
  private lastCoefficients: number[] | null = null;
  /** The plan and losses of the step under way, for the fan-out's backward pass. */
  private stepPlan: Extract<StepPlan, { kind: 'gradient' }> | null = null;
  private stepLosses: number[] | null = null;
  private readonly fanOut: (flat: tf.Tensor) => tf.Tensor;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private optimizer: tf.Optimizer;
  private learningRate: number;
  private clipNorm: number;
  /** The weights after the last read-back whose every value was finite. */
  private good: WeightSnapshot | null = null;
  /** Set when a loss or gradient stopped being finite; the weights are back to `good`. */
  divergence: Divergence | null = null;
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
    weighting: WeightingConfig = DEFAULT_WEIGHTING,
  ) {
    this.heads = spec.heads;
    this.network = buildNetwork(spec, config.seed);
    this.model = this.network.model;
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const isShared = sharedLayerTest(spec);
    this.sharedVariables = this.model.layers
      .filter((l) => isShared(l.name))
      .flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
    this.learningRate = config.learningRate;
    this.clipNorm = config.clipNorm;
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
    this.weighting = this.newWeighting(weighting);
    this.fanOut = this.makeFanOut();
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

  /** Takes effect from the next step, also while training runs. */
  setWeighting(config: WeightingConfig): void {
    this.weighting.set(config);
  }

  /** A new learning rate (with fresh optimizer moments) or clipping norm, from the next step. */
  setOptimization(learningRate: number, clipNorm: number): void {
    if (learningRate !== this.learningRate) {
      this.learningRate = learningRate;
      disposeOptimizer(this.optimizer);
      this.optimizer = createOptimizer(this.config.optimizer, learningRate);
    }
    this.clipNorm = clipNorm;
  }

  private newWeighting(config: WeightingConfig): WeightingState {
    return new WeightingState(config, this.heads.length, this.config.seed, () =>
      this.heads.map((h) => this.settings.get(h.task)!.weight),
    );
  }

  /**
   * One optimisation step on the next mini-batch. No GPU→CPU transfer, except the Gram matrix
   * (K×K numbers) of a gradient-level strategy.
   */
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

    const plan = this.planStep();
    // The weights before the first step are good by definition (fresh or loaded).
    this.good ??= this.snapshot();
    const clipNorm = this.clipNorm;
    const sums = tf.tidy(() => {
      const idx = tf.tensor1d(batch, 'int32');
      const x = tf.gather(this.train.x, idx);
      // A reconstruction head's target is its own input.
      const ys = this.heads.map((h) =>
        h.kind === 'reconstruction' ? x : tf.gather(this.train.y[h.task], idx),
      );
      let lossRow: tf.Tensor1D | null = null;
      let weightRow: tf.Tensor1D | null = null;
      let outputs: tf.Tensor[] = [];
      if (plan.kind === 'uncertainty') {
        this.logVariance ??= tf.variable(tf.zeros([this.heads.length]), true);
      }
      const variables =
        plan.kind === 'uncertainty' ? [...this.variables, this.logVariance!] : this.variables;
      this.lastCoefficients = null;
      this.stepPlan = plan.kind === 'gradient' ? plan : null;
      const { grads } = this.optimizer.computeGradients(() => {
        const raw = this.stepPlan ? this.fanOutForward(x) : this.model.apply(x, { training: true });
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
        const total = objective(plan, perTask, this.logVariance);
        // [objective, loss per head] in one op: on WebGL every op is a shader dispatch.
        lossRow = tf.keep(tf.stack([total, ...perTask]) as tf.Tensor1D);
        // Read before the update: the weights this step's gradient used.
        const used = tensorWeights(plan, lossRow, this.logVariance);
        weightRow = used && tf.keep(used);
        if (this.stepPlan?.needsLosses) {
          this.stepLosses = Array.from(lossRow.dataSync()).slice(1);
        }
        return total;
      }, variables);
      this.stepPlan = null;
      if (clipNorm > 0) {
        // ‖g‖₂ over every variable; all gradients scaled by min(1, c/‖g‖₂).
        const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
        const scale = tf.minimum(1, tf.div(clipNorm, tf.maximum(norm, 1e-12)));
        this.optimizer.applyGradients(
          Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)])),
        );
      } else {
        this.optimizer.applyGradients(grads);
      }
      const row = lossRow!;
      // Four ops a step (on WebGL each is a dispatch); a bad gradient shows in the next step's
      // losses, or in the weights checked at the read-back.
      const finite = tf.cast(tf.isFinite(row), 'float32') as tf.Tensor1D;
      const alive: tf.Tensor1D = previous ? tf.mul(previous.alive, finite) : finite;
      const leading: tf.Tensor1D = previous ? tf.add(previous.leading, alive) : tf.clone(alive);
      // Metrics outside the gradient tape: the backward pass need not look at them.
      const metricRow = measure
        ? (tf.stack(this.heads.map((h, i) => batchMetric(h, ys[i], outputs[i]))) as tf.Tensor1D)
        : null;
      tf.dispose(outputs);
      // `row` was kept inside minimize(), so tidy will not free it: free it once summed.
      const losses: tf.Tensor1D = previous ? tf.add(previous.losses, row) : row;
      if (previous) row.dispose();
      // Kept inside minimize() like `row`: freed once summed. undefined, not null: tidy()
      // returns only tensor containers.
      const used = weightRow as tf.Tensor1D | null;
      const weights: tf.Tensor1D | undefined = !used
        ? (previous?.tensorWeights ?? undefined)
        : previous?.tensorWeights
          ? (tf.add(previous.tensorWeights, used) as tf.Tensor1D)
          : used;
      if (used && weights !== used) used.dispose();
      // Returned unchanged when not sampled: tidy leaves tensors from outside its scope alone.
      const metrics: tf.Tensor1D = !metricRow
        ? previous!.metrics
        : previous
          ? tf.add(previous.metrics, metricRow)
          : metricRow;
      return { losses, metrics, weights, alive, leading };
    });
    if (previous) {
      previous.alive.dispose();
      previous.leading.dispose();
      previous.losses.dispose();
      if (previous.metrics !== sums.metrics) previous.metrics.dispose();
      if (previous.tensorWeights && previous.tensorWeights !== sums.weights) {
        previous.tensorWeights.dispose();
      }
    }
    const known = this.knownWeights(plan);
    this.window = {
      losses: sums.losses,
      steps: (previous?.steps ?? 0) + 1,
      metrics: sums.metrics,
      metricSteps: (previous?.metricSteps ?? 0) + (measure ? 1 : 0),
      weights: (previous?.weights ?? new Array<number>(this.heads.length).fill(0)).map(
        (sum, i) => sum + (known?.[i] ?? 0),
      ),
      tensorWeights: sums.weights ?? null,
      alive: sums.alive,
      leading: sums.leading,
    };
    this.step++;
  }

  private snapshot(): WeightSnapshot {
    return {
      step: this.step,
      values: this.variables.map((v) => tf.clone(v)),
      logVariance: this.logVariance ? tf.clone(this.logVariance) : null,
    };
  }

  private static disposeSnapshot(s: WeightSnapshot | null): void {
    if (!s) return;
    tf.dispose(s.values);
    s.logVariance?.dispose();
  }

  /**
   * Puts the model back to its last good weights after a non-finite step: the steps since are
   * dropped (their values never reach a chart), and the optimizer's moments and the weighting
   * strategy's state, which the bad step may have poisoned, start afresh.
   */
  private rollBack(divergence: Divergence): void {
    const good = this.good!;
    this.variables.forEach((v, i) => v.assign(good.values[i]));
    if (this.logVariance) {
      this.logVariance.assign(good.logVariance ?? tf.zerosLike(this.logVariance));
    }
    this.disposeWindow();
    disposeOptimizer(this.optimizer);
    this.optimizer = createOptimizer(this.config.optimizer, this.learningRate);
    this.weighting = this.newWeighting(this.weighting.current);
    this.step = good.step;
    this.lastBatch = null;
    this.divergence = divergence;
  }

  /**
   * Goes on from a checkpoint after `step` steps (the caller assigns its weights): the shuffles
   * of the epochs before are drawn again, so the examples come in the order they would have.
   */
  resumeAt(step: number): void {
    const done = Math.min(Math.max(0, Math.floor(step)), this.totalSteps);
    for (let i = 0; i < Math.ceil(done / this.stepsPerEpoch); i++) {
      this.order = permutation(this.train.count, this.shuffleRng);
    }
    this.step = done;
  }

  /** Training goes on after a divergence (with new settings, or as it was). */
  acknowledgeDivergence(): void {
    this.divergence = null;
  }

  /** The step's effective weights where they are plain numbers (not uncertainty, geometric). */
  private knownWeights(plan: StepPlan): number[] | null {
    if (plan.kind === 'weights') return plan.weights;
    if (plan.kind === 'gradient') {
      return plan.headWeights.map((w, i) => w * (this.lastCoefficients?.[i] ?? 1));
    }
    return null;
  }

  /** The strategy's plan for this step; gradient-level needs a shared part and two tasks. */
  private planStep(): StepPlan {
    const plan = this.weighting.plan();
    if (plan.kind === 'gradient' && !(this.network.hasShared && this.heads.length > 1)) {
      return { kind: 'weights', weights: plan.headWeights };
    }
    return plan;
  }

  /**
   * An op that repeats the shared representation z once per task, [B, D] → [K, B, D], so that
   * in the backward pass each task's gradient dYᵢ = ∂(hᵢLᵢ)/∂z arrives separately. Its gradient
   * reads their K×K Gram matrix, asks the strategy for coefficients cᵢ and passes Σ cᵢ·dYᵢ on
   * to the shared layers: one forward pass, one backward pass per head, one through the encoder.
   */
  private makeFanOut(): (flat: tf.Tensor) => tf.Tensor {
    const k = this.heads.length;
    return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const flat = args[0] as tf.Tensor;
      return {
        value: tf.tile(tf.expandDims(flat, 0), [k, 1, 1]),
        gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
          const g = tf.reshape(dy as tf.Tensor, [k, -1]);
          const gram = tf.matMul(g, g, false, true).arraySync() as number[][];
          const plan = this.stepPlan!;
          const coefficients = this.weighting.combine(gram, plan.headWeights, this.stepLosses);
          this.lastCoefficients = coefficients;
          return tf.reshape(tf.matMul(tf.tensor2d([coefficients]), g), flat.shape);
        },
      };
    });
  }

  /** The model's outputs, each head fed its own copy of the shared representation. */
  private fanOutForward(x: tf.Tensor): tf.Tensor[] {
    const kwargs = { training: true };
    const shared = this.network.shared(x, kwargs);
    const batch = x.shape[0];
    const hasTrunk = this.spec.trunk.length > 0;
    const rows = [...shared.rows.entries()];
    const parts = [...(hasTrunk ? [shared.trunk] : []), ...rows.flatMap(([, r]) => r)];
    const sizes = parts.map((p) => p.size / batch);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((n, v) => n + v, 0));
    const flat = tf.concat(
      parts.map((p) => tf.reshape(p, [batch, -1])),
      1,
    );
    const fanned = this.fanOut(flat);
    return this.heads.map((_, i) => {
      const mine = tf.reshape(tf.slice(fanned, [i, 0, 0], [1, -1, -1]), flat.shape);
      let at = 0;
      const take = (like: tf.Tensor) => {
        const size = sizes[at++];
        const piece =
          size === mine.shape[1] ? mine : tf.slice(mine, [0, offsets[at - 1]], [-1, size]);
        return tf.reshape(piece, like.shape);
      };
      const copy: SharedOutputs<tf.Tensor> = {
        trunk: hasTrunk ? take(shared.trunk) : shared.trunk,
        rows: new Map(rows.map(([id, r]) => [id, r.map(take)])),
      };
      return this.network.task(i, copy, kwargs);
    });
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
    // Taken now, in queue order: the weights after exactly `step` steps. Kept if they prove good.
    const candidate = this.snapshot();
    const gram =
      this.sharedVariables.length > 0 &&
      this.lastBatch &&
      step - this.lastNormStep >= GRAD_NORM_EVERY
        ? this.sharedGradientGram(this.lastBatch)
        : null;
    if (gram) this.lastNormStep = step;
    const tw = window.tensorWeights;
    // 1 when every weight after the window's last step is finite: a few ops per read-back.
    const weightsOk = tf.tidy(() =>
      tf.reshape(
        tf.cast(tf.all(tf.stack(candidate.values.map((v) => tf.all(tf.isFinite(v))))), 'float32'),
        [1],
      ),
    );
    const both = tf.concat([
      weightsOk,
      window.leading,
      window.losses,
      window.metrics,
      ...(tw ? [tw] : []),
      ...(gram ? [gram] : []),
    ]);
    gram?.dispose();
    tw?.dispose();
    window.losses.dispose();
    window.metrics.dispose();
    window.alive.dispose();
    window.leading.dispose();
    weightsOk.dispose();
    const read = await both.data();
    both.dispose();
    const n = window.steps;
    const m = window.metricSteps;
    const divergence = findDivergence(
      read.subarray(1, k + 2),
      n,
      step - n + 1,
      this.heads.map((h) => h.task),
      this.good?.step ?? 0,
      read[0] === 1,
    );
    if (divergence) {
      MultiTaskTrainer.disposeSnapshot(candidate);
      this.rollBack(divergence);
      return null;
    }
    MultiTaskTrainer.disposeSnapshot(this.good);
    this.good = candidate;
    const values = read.subarray(k + 2);
    // Layout: objective, K losses, K metrics (sums), then the backend's K weight sums and the
    // K×K Gram matrix when present.
    const lossAt = 1;
    const metricsAt = 1 + k;
    const weightsAt = metricsAt + k;
    const gramAt = weightsAt + (tw ? k : 0);
    const gramMatrix = gram
      ? this.heads.map((_, i) => this.heads.map((_, j) => values[gramAt + i * k + j]))
      : null;
    const cosines = gramMatrix ? cosineMatrix(gramMatrix) : null;
    const tasks: StepPoint['tasks'] = {};
    this.heads.forEach((h, i) => {
      const loss = values[lossAt + i] / n;
      const metric = values[metricsAt + i] / m;
      tasks[h.task] = {
        loss,
        metric,
        weight: (window.weights[i] + (tw ? values[weightsAt + i] : 0)) / n,
        ...(gramMatrix ? { gradNorm: Math.sqrt(Math.max(gramMatrix[i][i], 0)) } : {}),
      };
      const sums = this.epochSums.tasks[h.task];
      sums.loss += values[lossAt + i];
      sums.metric += values[metricsAt + i];
      sums.metricSteps += m;
    });
    this.epochSums.steps += n;
    this.epochSums.total += values[0];
    const gradCosine = cosines
      ? this.heads.flatMap((a, i) =>
          this.heads
            .slice(i + 1)
            .map((b, d) => ({ a: a.task, b: b.task, cosine: cosines[i][i + 1 + d] })),
        )
      : undefined;
    return {
      step,
      epoch: step / this.stepsPerEpoch,
      totalLoss: values[0] / n,
      learningRate: this.learningRate,
      tasks,
      ...(gradCosine && gradCosine.length > 0 ? { gradCosine } : {}),
    };
  }

  /**
   * Gram matrix Gᵢⱼ = ∇ᵢ·∇ⱼ of the tasks' loss gradients on the shared parameters, on a batch,
   * flattened row by row: its diagonal gives how hard each task pulls on the shared layers
   * (GradNorm balances these), its cosines whether tasks pull together or against each other.
   * The caller owns the result.
   */
  private sharedGradientGram(batch: Int32Array): tf.Tensor1D {
    return tf.tidy(() => {
      const idx = tf.tensor1d(batch, 'int32');
      const x = tf.gather(this.train.x, idx);
      const rows = this.heads.map((h, i) => {
        const y = h.kind === 'reconstruction' ? x : tf.gather(this.train.y[h.task], idx);
        const { value, grads } = tf.variableGrads(() => {
          const raw = this.model.apply(x, { training: true });
          const out = (Array.isArray(raw) ? raw : [raw])[i] as tf.Tensor;
          const t = this.settings.get(h.task)!.temperature;
          return headLoss(h.loss, y, out, t, this.classWeights[h.task], hasPadding(h)) as tf.Scalar;
        }, this.sharedVariables);
        value.dispose();
        // A shared variable this task's loss does not reach has a zero gradient.
        return tf.concat(
          this.sharedVariables.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1])),
        );
      });
      const g = tf.stack(rows);
      return tf.reshape(tf.matMul(g, g, false, true), [-1]) as tf.Tensor1D;
    });
  }

  /** Training-set means over the epoch just finished (flush first); resets the sums. */
  takeEpochTrainValues(): Record<string, TaskEpochValues> {
    const sums = this.epochSums;
    this.epochSums = this.emptySums();
    if (sums.steps > 0) {
      this.weighting.endEpoch(this.heads.map((h) => sums.tasks[h.task].loss / sums.steps));
    }
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

  private disposeWindow(): void {
    if (!this.window) return;
    this.window.losses.dispose();
    this.window.metrics.dispose();
    this.window.tensorWeights?.dispose();
    this.window.alive.dispose();
    this.window.leading.dispose();
    this.window = null;
  }

  dispose(): void {
    this.disposeWindow();
    MultiTaskTrainer.disposeSnapshot(this.good);
    this.good = null;
    disposeOptimizer(this.optimizer);
    this.logVariance?.dispose();
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

/** The scalar a step minimises, from the per-task losses. */
function objective(
  plan: StepPlan,
  losses: tf.Scalar[],
  logVariance: tf.Variable | null,
): tf.Scalar {
  switch (plan.kind) {
    case 'weights':
    case 'gradient': {
      const weights = plan.kind === 'weights' ? plan.weights : plan.headWeights;
      // A weight of 1 costs no op: on WebGL every op is a shader dispatch.
      const weighted = losses.map((l, i) => (weights[i] === 1 ? l : tf.mul(l, weights[i])));
      return (weighted.length === 1 ? weighted[0] : tf.addN(weighted)) as tf.Scalar;
    }
    case 'geometric':
      // (Π Lᵢ)^{1/K} = exp(mean log Lᵢ); the floor keeps log finite for a perfect batch.
      return tf.exp(tf.mean(tf.log(tf.maximum(tf.stack(losses), 1e-12)))) as tf.Scalar;
    case 'uncertainty': {
      // Σ Lᵢ/(2e^{sᵢ}) + sᵢ/2 (Kendall et al. 2018).
      const s = logVariance!;
      return tf.sum(tf.add(tf.div(tf.stack(losses), tf.mul(2, tf.exp(s))), tf.div(s, 2)));
    }
  }
}

/**
 * The effective weights only the backend knows: the geometric loss's G/(K·Lᵢ) and
 * uncertainty's 1/(2e^{sᵢ}), from the step's [objective, losses] row. Null for the others.
 */
function tensorWeights(
  plan: StepPlan,
  row: tf.Tensor1D,
  logVariance: tf.Variable | null,
): tf.Tensor1D | null {
  if (plan.kind === 'geometric') {
    const k = row.size - 1;
    // The objective is G itself.
    const g = tf.slice(row, 0, 1);
    return tf.div(g, tf.mul(tf.maximum(tf.slice(row, 1, k), 1e-12), k)) as tf.Tensor1D;
  }
  if (plan.kind === 'uncertainty') return tf.div(0.5, tf.exp(logVariance!)) as tf.Tensor1D;
  return null;
}
