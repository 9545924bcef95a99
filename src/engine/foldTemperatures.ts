import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../core/spec/types';
import { outputLayerName } from './buildModel';

/**
 * Folds each categorical head's softmax temperature into its output layer, so a stock TF.js
 * softmax over the saved model's outputs gives what the app shows:
 * softmax((Wx + b) / T) = softmax((W/T)x + b/T). Changes `model` in place; meant for the copy
 * that is exported.
 */
export function foldTemperatures(model: tf.LayersModel, spec: ModelSpec): void {
  for (const head of spec.heads) {
    if (head.kind !== 'classification' && head.kind !== 'sequenceLabeling') continue;
    if (head.temperature === 1) continue;
    const layer = model.getLayer(outputLayerName(head.task));
    const scaled = layer.getWeights().map((w) => tf.div(w, head.temperature));
    layer.setWeights(scaled);
    tf.dispose(scaled);
  }
}
