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

/** The ZIP: model.json, weights.bin and labels.json. */
export function tfjsPackage(model: SavedModel, labels: ModelLabels): Uint8Array {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Multitask Playground',
    convertedBy: null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: ['./weights.bin'], weights: model.weightSpecs }],
  };
  return zipSync({
    'model.json': strToU8(JSON.stringify(modelJson)),
    'weights.bin': new Uint8Array(model.weightData),
    'labels.json': strToU8(JSON.stringify(labels, null, 2)),
  });
}
