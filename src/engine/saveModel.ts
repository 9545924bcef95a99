import * as tf from '@tensorflow/tfjs';
import type { SavedModel } from '../core/runs/runRecord';

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
