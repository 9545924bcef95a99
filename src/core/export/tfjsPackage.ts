/**
 * The "Download model" package: a ZIP holding model.json and weights.bin exactly as
 * `tf.io.browserDownloads` writes them (stock `tf.loadLayersModel` reads them), and labels.json,
 * which says what the outputs and inputs mean for a plain TF.js page.
 */
import { strToU8, zipSync } from 'fflate';
import type { DatasetInfo } from '../datasets/encoded';
import type { SavedModel } from '../runs/runRecord';
import type { ModelSpec } from '../spec/types';
import type { TaskKind } from '../tasks';
import { OOV_ID, PAD_ID } from '../text/tokenize';
import { safeFileName } from '../fileName';

export const LABELS_FORMAT = 'multitask-playground-labels/1';

export interface ModelLabels {
  format: typeof LABELS_FORMAT;
  /** The model's outputs, in order: `model.predict(x)` returns one tensor per entry. */
  outputs: {
    task: string;
    label: string;
    kind: string;
    /** What the output holds and how to read it. */
    reading: string;
    classes?: string[];
  }[];
  input:
    | { kind: 'image'; shape: [number, number, number]; pixels: string }
    | {
        kind: 'tokens';
        maxLength: number;
        ids: string;
        /** Token of each id: index = id. */
        vocabulary: string[];
      };
}

/** How to read each kind of head's output. */
const READING: Record<TaskKind, string> = {
  classification:
    'logits [batch, classes]; softmax gives the probabilities (temperature folded in)',
  sequenceLabeling: 'logits [batch, tokens, tags]; softmax over the last axis, one tag per token',
  regression: 'values [batch, 1], standardised (the z-score of the column the model learnt)',
  reconstruction: 'the rebuilt image, like the input',
};

/** What each output and the input mean, from the model's spec and its dataset. */
export function modelLabels(
  spec: ModelSpec,
  info: DatasetInfo,
  vocabulary: readonly string[] | null,
): ModelLabels {
  const outputs = spec.heads.map((h) => {
    const task = info.tasks.find((t) => t.id === h.task);
    const categorical = h.kind === 'classification' || h.kind === 'sequenceLabeling';
    return {
      task: h.task,
      label: task?.label ?? h.task,
      kind: h.kind,
      reading: READING[h.kind],
      ...(categorical ? { classes: [...(task?.classes ?? [])] } : {}),
    };
  });
  const input: ModelLabels['input'] =
    spec.input.kind === 'image'
      ? {
          kind: 'image',
          shape: [spec.input.height, spec.input.width, spec.input.channels],
          pixels: 'float32 [batch, height, width, channels], each pixel value / 255 (0 = black)',
        }
      : {
          kind: 'tokens',
          maxLength: spec.input.maxLength,
          ids: `int32 [batch, ${spec.input.maxLength}]: token ids from the start, ${PAD_ID} = padding after the last token, ${OOV_ID} = a token not in the vocabulary`,
          vocabulary: [...(vocabulary ?? [])],
        };
  return { format: LABELS_FORMAT, outputs, input };
}

/** model.json and weights.bin of one model, as `tf.io.browserDownloads` writes them. */
export function modelFiles(model: SavedModel): {
  'model.json': Uint8Array;
  'weights.bin': Uint8Array;
} {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Multitask Playground',
    convertedBy: null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: ['./weights.bin'], weights: model.weightSpecs }],
  };
  return {
    'model.json': strToU8(JSON.stringify(modelJson)),
    'weights.bin': new Uint8Array(model.weightData),
  };
}

/** The ZIP: model.json, weights.bin and labels.json. */
export function tfjsPackage(model: SavedModel, labels: ModelLabels): Uint8Array {
  return zipSync({
    ...modelFiles(model),
    'labels.json': strToU8(JSON.stringify(labels, null, 2)),
  });
}

export const ENSEMBLE_FORMAT = 'multitask-playground-ensemble/1';

/** What ensemble.json says: the members, where each one's files are, and how they vote. */
export interface EnsembleManifest {
  format: typeof ENSEMBLE_FORMAT;
  voting: 'soft' | 'hard';
  /** How to combine the members' outputs, for a plain TF.js page. */
  reading: string;
  members: { name: string; path: string }[];
}

/**
 * An ensemble as one ZIP: `ensemble.json`, the shared `labels.json`, and each member's model.json
 * and weights.bin under `members/<n>-<name>/` (each loads in stock TF.js on its own).
 */
export function ensemblePackage(
  members: readonly { name: string; model: SavedModel }[],
  labels: ModelLabels,
  voting: 'soft' | 'hard',
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const manifest: EnsembleManifest = {
    format: ENSEMBLE_FORMAT,
    voting,
    reading:
      voting === 'soft'
        ? "Soft voting: softmax each member's logits (temperatures are folded in), average the probabilities over members, take the argmax."
        : 'Hard voting: each member votes for its argmax; the most votes wins, a tie goes to the class with the highest summed probability.',
    members: members.map((m, i) => {
      const path = `members/${String(i + 1).padStart(2, '0')}-${safeFileName(m.name)}`;
      const own = modelFiles(m.model);
      files[`${path}/model.json`] = own['model.json'];
      files[`${path}/weights.bin`] = own['weights.bin'];
      return { name: m.name, path };
    }),
  };
  return zipSync({
    'ensemble.json': strToU8(JSON.stringify(manifest, null, 2)),
    'labels.json': strToU8(JSON.stringify(labels, null, 2)),
    ...files,
  });
}
