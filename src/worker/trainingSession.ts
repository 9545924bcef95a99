import * as tf from '@tensorflow/tfjs';
import { buildBuiltin } from '../core/datasets/catalog';
import { describeDataset, type EncodedDataset } from '../core/datasets/encoded';
import { describeParseError } from '../core/datasets/parseError';
import {
  buildImport,
  DEFAULT_IMAGE_IMPORT,
  inspectFile,
  previewOf,
  type InspectedFile,
} from '../core/datasets/importFile';
import type { ImageArchive } from '../core/datasets/imageArchive';
import { splitIndices } from '../core/datasets/split';
import { analyzeSpec } from '../core/spec/analyze';
import { SPLIT_SEED, type BackendName } from '../core/training/config';
import type { EpochRecord, StepPoint } from '../core/training/history';
import { selectBackend, type BackendSelection } from '../engine/backends';
import { disposeSplit, tensorSplit, type TensorSplit } from '../engine/data';
import { probeTrainingStep } from '../engine/probe';
import { MultiTaskTrainer } from '../engine/trainer';
import type { DatasetSource, RunSetup, TrainerPhase, WorkerEvent, WorkerRequest } from './protocol';
import { runTraining } from './trainingLoop';
import { exportableModel, saveModel } from '../engine/saveModel';
import { assignWeights, readWeights } from '../engine/modelWeights';
import { encodeWeights } from '../core/share/weightsCodec';
import { modelLabels, tfjsPackage } from '../core/export/tfjsPackage';
import { safeFileName } from '../core/fileName';
import { diagnose } from './diagnose';
import { yieldToEvents } from './yieldToEvents';
import { evaluateEnsemble, packageEnsemble } from './ensemble';
import { Insight } from './insight';
import type { InsightAnswers, InsightKind, InsightRequest } from '../core/insight/types';

/** A run is checkpointed at every epoch end and at least this often while it trains. */
export const CHECKPOINT_MS = 30_000;

const INIT_TIMEOUT_MS = 10_000;

/** Every run's split of a dataset: stratified by its first per-example classification task. */
function splitOf(dataset: EncodedDataset, fractions: { validation: number; test: number }) {
  const strataTask = dataset.info.tasks.find((t) => t.kind === 'classification');
  return splitIndices(
    dataset.count,
    fractions,
    SPLIT_SEED,
    strataTask ? dataset.y[strataTask.id] : undefined,
  );
}
const PROBE_STEP_TIMEOUT_MS = 30_000;

export interface SessionDeps {
  fetchBytes: (url: string) => Promise<Uint8Array>;
  softwareRenderer: (backend: BackendName) => Promise<string | null>;
  /** Decodes and scales one image file (a browser's decoder in the app). */
  decodeImage: (bytes: Uint8Array, size: number, channels: 1 | 3) => Promise<Uint8Array>;
  /**
   * Calls `onLost` if the active GPU backend's device or context is lost (WebGL context loss,
   * WebGPU device loss); returns the function that stops watching.
   */
  watchDevice?: (backend: BackendName, onLost: (reason: string) => void) => () => void;
}

/** Images decoded between two progress messages. */
const DECODE_REPORT_EVERY = 250;

/**
 * The training side of the app: loads data, picks a backend, owns the trainer and runs it in
 * slices so pause and live setting changes are handled between steps. Runs in the worker, and
 * in Node tests.
 */
export class TrainingSession {
  private queue: Promise<void> = Promise.resolve();
  private dataset: EncodedDataset | null = null;
  /** The user's last file, read and waiting for their choices. */
  private inspected: InspectedFile | null = null;
  /** Downloaded files by URL: MNIST and MultiMNIST share one. */
  private files = new Map<string, Uint8Array>();
  private phase: TrainerPhase = 'idle';
  private backendKey = '';
  private selection: BackendSelection | null = null;
  private setup: RunSetup | null = null;
  private trainer: MultiTaskTrainer | null = null;
  private splits: TensorSplit[] = [];
  /** Dataset example of each validation row. */
  private validationRows: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private testSplit: TensorSplit | null = null;
  /** The insight views' answers for the current model, made on their first question. */
  private insight: Insight | null = null;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  /** Steps per second, measured between reports and excluding evaluation. */
  private rate = { steps: 0, since: 0, perSecond: 0, lastStep: 0 };
  private lastCheckpoint = 0;
  /** Why the backend cannot be used any more (its device was lost), once it happened. */
  private deviceLost: string | null = null;
  private unwatchDevice: () => void = () => undefined;

  constructor(
    private readonly emit: (event: WorkerEvent) => void,
    private readonly deps: SessionDeps,
  ) {}

  handle(request: WorkerRequest): void {
    switch (request.type) {
      case 'pause':
        this.running = false;
        return;
      case 'setTaskSettings':
        this.trainer?.setTaskSettings(request.task, request.settings);
        if (this.setup) {
          const head = this.setup.spec.heads.find((h) => h.task === request.task);
          if (head) {
            head.weight = request.settings.weight;
            head.temperature = request.settings.temperature;
            if (head.gate && request.settings.gateTemperature !== undefined) {
              head.gate.temperature = request.settings.gateTemperature;
            }
          }
        }
        return;
      case 'setWeighting':
        this.trainer?.setWeighting(request.weighting);
        if (this.setup) this.setup.weighting = { ...request.weighting };
        return;
      case 'setOptimization':
        this.trainer?.setOptimization(request.learningRate, request.clipNorm);
        if (this.setup) {
          this.setup.train = {
            ...this.setup.train,
            learningRate: request.learningRate,
            clipNorm: request.clipNorm,
          };
        }
        return;
      default:
        // Everything else waits its turn, so a 'start' sent after 'configure' finds the model built.
        this.queue = this.queue.then(() => this.run(request)).catch((e: unknown) => this.fail(e));
    }
  }

  /** Resolves when every queued request has been handled (tests). */
  idle(): Promise<void> {
    return this.queue.then(() => this.loop);
  }

  private async run(
    request: Exclude<
      WorkerRequest,
      { type: 'pause' | 'setTaskSettings' | 'setWeighting' | 'setOptimization' }
    >,
  ): Promise<void> {
    switch (request.type) {
      case 'loadDataset':
        await this.loadDataset(request.source);
        return;
      case 'inspectFile': {
        const before = { phase: this.phase, message: this.lastMessage };
        const mb = request.bytes.byteLength / 2 ** 20;
        this.status(
          'loading',
          `Reading ${request.name} (${mb < 1 ? `${Math.ceil(request.bytes.byteLength / 1024)} kB` : `${mb.toFixed(1)} MB`})…`,
        );
        // Let the status reach the page before a long synchronous parse.
        await yieldToEvents();
        const inspected = inspectFile(request.name, new Uint8Array(request.bytes));
        this.status(before.phase, before.message);
        if (!inspected.ok) {
          this.emit({ type: 'datasetError', message: describeParseError(inspected.error) });
          return;
        }
        this.inspected = inspected.value;
        this.emit({ type: 'fileInspected', preview: previewOf(inspected.value) });
        return;
      }
      case 'importDataset': {
        if (!this.inspected) throw new Error('No file has been read yet.');
        let pixels: Uint8Array | undefined;
        if (this.inspected.format === 'images') {
          try {
            pixels = await this.decodeArchive(
              this.inspected.archive,
              request.choice.image ?? DEFAULT_IMAGE_IMPORT,
            );
          } catch (e) {
            this.emit({
              type: 'datasetError',
              message: e instanceof Error ? e.message : String(e),
            });
            return;
          }
        }
        const built = buildImport(this.inspected, request.choice, pixels);
        if (!built.ok) {
          this.emit({ type: 'datasetError', message: describeParseError(built.error) });
          return;
        }
        await this.useDataset(built.value);
        return;
      }
      case 'configure':
        await this.stop();
        await this.configure(request.setup);
        return;
      case 'reset':
        await this.stop();
        if (this.setup) await this.configure(this.setup);
        return;
      case 'insight': {
        try {
          const value = await this.answerInsight(request.request);
          this.emit({ type: 'insight', id: request.id, answer: { ok: true, value } });
        } catch (e) {
          this.emit({
            type: 'insight',
            id: request.id,
            answer: { ok: false, message: e instanceof Error ? e.message : String(e) },
          });
        }
        return;
      }
      case 'diagnose': {
        if (!this.trainer || !this.dataset || this.splits.length < 2) return;
        const diagnostics = await diagnose(
          this.trainer,
          this.splits[1],
          this.dataset,
          this.validationRows,
        );
        this.emit({ type: 'diagnostics', diagnostics, step: this.trainer.step });
        return;
      }
      case 'exportModel': {
        if (!this.trainer) return;
        const artifacts = await saveModel(this.trainer.model);
        this.emit({ type: 'modelArtifacts', runId: request.runId, artifacts });
        return;
      }
      case 'downloadModel': {
        if (!this.trainer || !this.dataset || !this.setup) return;
        const model = await exportableModel(this.trainer.model, this.setup.spec);
        const labels = modelLabels(
          this.setup.spec,
          this.dataset.info,
          this.dataset.text?.vocabulary ?? null,
        );
        const bytes = tfjsPackage(model, labels);
        this.emit({
          type: 'modelPackage',
          fileName: `${safeFileName(this.dataset.info.name)}-step${this.trainer.step}-tfjs.zip`,
          bytes: bytes.buffer.slice(
            bytes.byteOffset,
            bytes.byteOffset + bytes.byteLength,
          ) as ArrayBuffer,
        });
        return;
      }
      case 'readWeights': {
        const set = this.trainer ? await readWeights(this.trainer.model, this.trainer.step) : null;
        this.emit({
          type: 'weights',
          weights: set ? { bytes: encodeWeights(set, request.encoding), step: set.step } : null,
        });
        return;
      }
      case 'start':
        if (!this.trainer || this.running) return;
        if (this.trainer.done) return;
        this.trainer.acknowledgeDivergence();
        this.running = true;
        this.loop = this.trainLoop(this.trainer).catch((e: unknown) => this.trainingFailed(e));
        return;
      case 'step': {
        await this.stop();
        const trainer = this.trainer;
        if (!trainer || trainer.done) return;
        trainer.acknowledgeDivergence();
        try {
          await this.stepOnce(trainer);
        } catch (e) {
          this.trainingFailed(e);
          return;
        }
        if (this.reportDivergence(trainer)) return;
        this.status(
          trainer.done ? 'finished' : 'paused',
          trainer.done ? 'Training finished' : `Paused after step ${trainer.step}`,
        );
        return;
      }
      default: {
        const never: never = request;
        throw new Error(`unknown request ${JSON.stringify(never)}`);
      }
    }
  }

  private async answerInsight(request: InsightRequest): Promise<InsightAnswers[InsightKind]> {
    const dataset = this.dataset;
    if (!dataset) throw new Error('No dataset is loaded yet.');
    switch (request.kind) {
      case 'ensemble': {
        const { split, own } = this.heldOut(dataset, request.fractions);
        try {
          return await evaluateEnsemble(request.members, dataset, split);
        } finally {
          if (!own) disposeSplit(split);
        }
      }
      case 'ensemblePackage': {
        const bytes = await packageEnsemble(request.members, dataset, request.voting);
        return {
          fileName: request.fileName,
          bytes: bytes.buffer.slice(
            bytes.byteOffset,
            bytes.byteOffset + bytes.byteLength,
          ) as ArrayBuffer,
        };
      }
      default:
        break;
    }
    const trainer = this.trainer;
    if (!trainer || !this.setup || this.splits.length < 2) {
      throw new Error('Build the model first (Train or Step).');
    }
    this.insight ??= new Insight({
      model: trainer.model,
      spec: this.setup.spec,
      dataset,
      validation: this.splits[1],
      rows: this.validationRows,
      step: () => trainer.step,
    });
    switch (request.kind) {
      case 'try':
        return this.insight.tryInput(request.input);
      case 'embedding':
        return this.insight.embedding();
      case 'cluster':
        return this.insight.cluster(request.unit, request.k, request.seed);
      case 'gateUsage':
        return this.insight.gateUsage();
      case 'reconstructions':
        return this.insight.reconstructions(request.count);
      default: {
        const never: never = request;
        throw new Error(`unknown insight request ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * The validation split for these shares: the run's own when they match (`own`), otherwise a
   * new one the caller disposes. The same seed and strata as every run's split.
   */
  private heldOut(
    dataset: EncodedDataset,
    fractions: { validation: number; test: number },
  ): { split: TensorSplit; own: boolean } {
    const train = this.setup?.train;
    if (
      this.splits.length >= 2 &&
      train?.validationFraction === fractions.validation &&
      train.testFraction === fractions.test
    ) {
      return { split: this.splits[1], own: true };
    }
    return { split: tensorSplit(dataset, splitOf(dataset, fractions).validation), own: false };
  }

  /**
   * Training cannot go on in this worker (an exception in a step, a lost GPU device): say so,
   * with the backend, so the UI can restart the worker on another one from the last checkpoint.
   */
  private trainingFailed(e: unknown): void {
    this.running = false;
    const message = this.deviceLost ?? (e instanceof Error ? e.message : String(e));
    this.emit({ type: 'trainingFailed', backend: this.selection?.backend ?? null, message });
    this.status('error', `Stopped: ${message}`);
  }

  /** After a divergence: the run pauses and the UI hears which step and task. */
  private reportDivergence(trainer: MultiTaskTrainer): boolean {
    const divergence = trainer.divergence;
    if (!divergence) return false;
    this.emit({ type: 'diverged', divergence });
    this.status('paused', `Diverged at step ${divergence.step}; back at step ${trainer.step}`);
    return true;
  }

  /** Sends the run's weights as they are now, for a restarted worker to go on from. */
  private async checkpoint(trainer: MultiTaskTrainer): Promise<void> {
    this.lastCheckpoint = performance.now();
    const weights = await readWeights(trainer.model, trainer.step);
    if (this.trainer === trainer) this.emit({ type: 'checkpoint', weights });
  }

  private async loadDataset(source: DatasetSource): Promise<void> {
    const before = { phase: this.phase, message: this.lastMessage };
    this.status('loading', `Loading ${source.id}…`);
    try {
      let bytes = this.files.get(source.url);
      if (!bytes) {
        bytes = await this.deps.fetchBytes(source.url);
        this.files.set(source.url, bytes);
      }
      const built = buildBuiltin(source.id, bytes);
      if (!built.ok) throw new Error(describeParseError(built.error));
      await this.useDataset(built.value);
    } catch (e) {
      // The dataset in use stays; say why the new one did not load.
      this.emit({ type: 'datasetError', message: e instanceof Error ? e.message : String(e) });
      this.status(before.phase, before.message);
    }
  }

  private async decodeArchive(
    archive: ImageArchive,
    { size, channels }: { size: number; channels: 1 | 3 },
  ): Promise<Uint8Array> {
    const before = { phase: this.phase, message: this.lastMessage };
    const per = size * size * channels;
    const pixels = new Uint8Array(archive.images.length * per);
    try {
      for (let i = 0; i < archive.images.length; i++) {
        if (i % DECODE_REPORT_EVERY === 0) {
          this.status(
            'loading',
            `Decoding images: ${i.toLocaleString('en')} of ${archive.images.length.toLocaleString('en')}…`,
          );
        }
        const { path, bytes } = archive.images[i];
        const decoded = await this.deps.decodeImage(bytes, size, channels).catch(() => {
          throw new Error(`${archive.file}: ${path} is not an image this browser can read.`);
        });
        pixels.set(decoded, i * per);
      }
    } finally {
      this.status(before.phase, before.message);
    }
    return pixels;
  }

  private async useDataset(dataset: EncodedDataset): Promise<void> {
    await this.stop();
    this.disposeRun();
    this.dataset = dataset;
    this.emit({ type: 'dataset', card: describeDataset(dataset) });
    this.status('idle', `Loaded ${dataset.info.name}`);
  }

  private async configure(setup: RunSetup): Promise<void> {
    const dataset = this.dataset;
    if (!dataset || dataset.info.id !== setup.datasetId) {
      throw new Error(`The dataset "${setup.datasetId}" is not loaded.`);
    }
    const analysis = analyzeSpec(setup.spec, dataset.info.tasks);
    if (analysis.issues.length > 0) {
      throw new Error(
        `The model is not valid: ${analysis.issues.map((i) => `${i.node}: ${i.message}`).join(' ')}`,
      );
    }
    this.disposeRun();
    this.setup = structuredClone(setup);

    // A probe answers for one model on one backend choice; weights and temperatures do not matter.
    const key = JSON.stringify([
      setup.backend,
      setup.exclude ?? [],
      setup.spec.input,
      setup.spec.trunk,
      setup.spec.experts,
      setup.spec.heads.map((h) => [h.kind, h.units, h.layers, h.loss.type]),
    ]);
    if (key !== this.backendKey || !this.selection) {
      this.status('probing', 'Finding the fastest backend that can train this model…');
      this.unwatchDevice();
      this.selection = await selectBackend(setup.backend, {
        exclude: setup.exclude ?? [],
        probeStep: () => probeTrainingStep(setup.spec),
        softwareRenderer: this.deps.softwareRenderer,
        initTimeoutMs: INIT_TIMEOUT_MS,
        stepTimeoutMs: PROBE_STEP_TIMEOUT_MS,
      });
      this.backendKey = key;
      this.deviceLost = null;
      this.unwatchDevice =
        this.deps.watchDevice?.(this.selection.backend, (reason) => {
          this.deviceLost = reason;
          // Between steps the loop sees this and throws; an idle model fails on its next use.
          this.running = false;
        }) ?? (() => undefined);
      this.emit({ type: 'backend', selection: this.selection });
    } else if (tf.getBackend() !== this.selection.backend) {
      await tf.setBackend(this.selection.backend);
    }

    const split = splitOf(dataset, {
      validation: setup.train.validationFraction,
      test: setup.train.testFraction,
    });
    if (split.train.length === 0 || split.validation.length === 0) {
      throw new Error(`${dataset.count} examples are too few for these train/validation shares.`);
    }
    const train = tensorSplit(dataset, split.train);
    const validation = tensorSplit(dataset, split.validation);
    this.validationRows = split.validation;
    this.testSplit = split.test.length > 0 ? tensorSplit(dataset, split.test) : null;
    this.splits = [train, validation, ...(this.testSplit ? [this.testSplit] : [])];
    this.trainer = new MultiTaskTrainer(
      this.setup.spec,
      setup.train,
      train,
      validation,
      this.setup.weighting,
    );
    let started = false;
    if (setup.resume) {
      try {
        assignWeights(this.trainer.model, setup.resume);
        this.trainer.resumeAt(setup.resume.step);
      } catch (e) {
        this.setup.resume = undefined;
        this.emit({
          type: 'startWeightsRejected',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    } else if (setup.start) {
      try {
        assignWeights(this.trainer.model, setup.start);
        started = true;
      } catch (e) {
        this.setup.start = undefined;
        this.emit({
          type: 'startWeightsRejected',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    }
    this.emit({
      type: 'ready',
      info: {
        trainCount: train.count,
        validationCount: validation.count,
        testCount: this.testSplit?.count ?? 0,
        stepsPerEpoch: this.trainer.stepsPerEpoch,
        totalSteps: this.trainer.totalSteps,
        params: this.trainer.model.countParams(),
        startStep: this.trainer.step,
      },
    });
    if (started) {
      // Where the loaded model stands, as epoch 0: the curves of a continued run start there.
      this.status('probing', 'Evaluating the loaded weights on the validation split…');
      const tasks = await this.trainer.evaluate();
      this.emit({ type: 'epoch', records: [{ epoch: 0, split: 'validation', tasks }] });
    }
    this.status(
      'ready',
      `Ready: ${train.count.toLocaleString('en')} training, ${validation.count.toLocaleString('en')} validation${this.testSplit ? ` and ${this.testSplit.count.toLocaleString('en')} test` : ''} examples on ${this.selection.backend}`,
    );
  }

  private async trainLoop(trainer: MultiTaskTrainer): Promise<void> {
    this.status('training', 'Training…');
    this.rate = {
      steps: 0,
      since: performance.now(),
      perSecond: this.rate.perSecond,
      lastStep: trainer.step,
    };
    this.lastCheckpoint = performance.now();
    await runTraining(trainer, {
      keepGoing: () => this.running && this.trainer === trainer,
      onPoint: (point) => {
        this.onPoint(point);
        if (performance.now() - this.lastCheckpoint > CHECKPOINT_MS) void this.checkpoint(trainer);
      },
      onEpochEnd: () => this.endEpoch(trainer),
    });
    this.running = false;
    if (this.deviceLost) throw new Error(this.deviceLost);
    if (this.trainer !== trainer) return;
    if (this.reportDivergence(trainer)) return;
    if (trainer.done) this.status('finished', 'Training finished');
    else this.status('paused', `Paused at step ${trainer.step} of ${trainer.totalSteps}`);
  }

  /** One step, reported at once (the Step button). */
  private async stepOnce(trainer: MultiTaskTrainer): Promise<void> {
    this.rate.lastStep = trainer.step;
    trainer.trainStep();
    const point = await trainer.flush();
    if (point) this.onPoint(point);
    if (trainer.atEpochEnd) await this.endEpoch(trainer);
  }

  private onPoint(point: StepPoint): void {
    const now = performance.now();
    this.rate.steps += point.step - this.rate.lastStep;
    this.rate.lastStep = point.step;
    const elapsed = (now - this.rate.since) / 1000;
    if (elapsed > 0.2) {
      const measured = this.rate.steps / elapsed;
      // Smooth so the ETA does not jump with every report.
      this.rate.perSecond =
        this.rate.perSecond > 0 ? 0.7 * this.rate.perSecond + 0.3 * measured : measured;
      this.rate.steps = 0;
      this.rate.since = now;
    }
    this.emit({
      type: 'progress',
      points: [point],
      step: point.step,
      stepsPerSecond: this.rate.perSecond,
    });
  }

  private async endEpoch(trainer: MultiTaskTrainer): Promise<void> {
    const epoch = trainer.epochsDone;
    const train = trainer.takeEpochTrainValues();
    this.status('training', `Evaluating epoch ${epoch} on the validation split…`);
    const validation = await trainer.evaluate();
    const records: EpochRecord[] = [
      { epoch, split: 'train', tasks: train },
      { epoch, split: 'validation', tasks: validation },
    ];
    // The test split is looked at once, when training is over.
    if (trainer.done && this.testSplit) {
      this.status('training', 'Evaluating the final model on the test split…');
      records.push({ epoch, split: 'test', tasks: await trainer.evaluate(this.testSplit) });
    }
    this.emit({ type: 'epoch', records });
    await this.checkpoint(trainer);
    // Evaluation time is not training time.
    this.rate.since = performance.now();
    this.rate.steps = 0;
    this.rate.lastStep = trainer.step;
    if (!trainer.done && this.running) this.status('training', 'Training…');
  }

  private async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private disposeRun(): void {
    this.insight = null;
    this.trainer?.dispose();
    this.trainer = null;
    this.splits.forEach(disposeSplit);
    this.splits = [];
    this.testSplit = null;
  }

  private lastMessage = '';

  private status(phase: TrainerPhase, message: string): void {
    this.phase = phase;
    this.lastMessage = message;
    this.emit({ type: 'status', phase, message });
  }

  private fail(e: unknown): void {
    this.running = false;
    const message = e instanceof Error ? e.message : String(e);
    this.emit({ type: 'error', message });
    this.status('error', `Stopped: ${message}`);
  }
}
