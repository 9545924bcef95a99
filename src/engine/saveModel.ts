import * as tf from '@tensorflow/tfjs';
import type { SavedModel } from '../core/runs/runRecord';
import type { ModelSpec } from '../core/spec/types';
import { foldTemperatures } from './foldTemperatures';

/** The model as `model.save` writes it, in memory: what model.json and its weight file hold. */
export async function saveModel(model: tf.LayersModel): Promise<SavedModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightData || !artifacts.weightSpecs)
    throw new Error('The model saved no weights.');
  const data = artifacts.weightData;
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data,
  };
}

/**
 * The model as a user downloads it: a copy with each head's temperature folded into its output
 * layer (see foldTemperatures), so stock TF.js gives the probabilities the app shows. The
 * training model is left as it is.
 */
export async function exportableModel(model: tf.LayersModel, spec: ModelSpec): Promise<SavedModel> {
  const copy = await loadSavedModel(await saveModel(model));
  try {
    foldTemperatures(copy, spec);
    return await saveModel(copy);
  } finally {
    copy.dispose();
  }
}

/** A model from what `saveModel` wrote; the caller disposes it. */
export function loadSavedModel(saved: SavedModel): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: saved.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: saved.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: saved.weightData,
    }),
  );
}
