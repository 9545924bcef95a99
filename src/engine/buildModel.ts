import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../core/random';
import { inputShape } from '../core/spec/shapes';
import type { LayerSpec, ModelSpec } from '../core/spec/types';

/** Name of a head's output layer; export code finds heads by it. */
export const outputLayerName = (task: string) => `${task}_output`;

/**
 * Builds a `tf.LayersModel` from a spec with standard TF.js layers only, so a saved model loads in
 * stock TF.js. Outputs follow `spec.heads` order: logits for classification and tagging heads
 * (the temperature is applied by the loss and at prediction), values for regression, and a
 * sigmoid image for reconstruction. Every initializer is seeded from `seed` and the layer name.
 * The caller owns the model (`model.dispose()`). Throws only on specs `analyzeSpec` rejects.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.LayersModel {
  const init = (name: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, name) });

  const layer = (spec: LayerSpec, name: string, vocab: number): tf.layers.Layer => {
    switch (spec.type) {
      case 'dense':
        return tf.layers.dense({
          units: spec.units,
          activation: spec.activation,
          kernelInitializer: init(name),
          name,
        });
      case 'conv2d':
      case 'conv1d': {
        const args = {
          filters: spec.filters,
          kernelSize: spec.kernelSize,
          strides: spec.strides,
          padding: spec.padding,
          activation: spec.activation,
          kernelInitializer: init(name),
          name,
        } satisfies Parameters<typeof tf.layers.conv2d>[0];
        return spec.type === 'conv2d' ? tf.layers.conv2d(args) : tf.layers.conv1d(args);
      }
      case 'maxPool2d':
        return tf.layers.maxPooling2d({ poolSize: spec.poolSize, strides: spec.strides, name });
      case 'flatten':
        return tf.layers.flatten({ name });
      case 'dropout':
        return tf.layers.dropout({ rate: spec.rate, seed: deriveSeed(seed, name), name });
      case 'embedding':
        return tf.layers.embedding({
          inputDim: vocab,
          outputDim: spec.outputDim,
          embeddingsInitializer: tf.initializers.randomUniform({
            minval: -0.05,
            maxval: 0.05,
            seed: deriveSeed(seed, name),
          }),
          name,
        });
      case 'gru': {
        const gru = (suffix: string) =>
          tf.layers.gru({
            units: spec.units,
            returnSequences: spec.returnSequences,
            kernelInitializer: init(`${name}${suffix}`),
            recurrentInitializer: tf.initializers.orthogonal({
              seed: deriveSeed(seed, `${name}${suffix}/rec`),
            }),
            name: `${name}${suffix}`,
          });
        return spec.bidirectional
          ? tf.layers.bidirectional({ layer: gru('_cell') as tf.RNN, mergeMode: 'concat', name })
          : gru('');
      }
      case 'globalPool':
        // Rank decides 1-D vs 2-D pooling; the caller picks by the tensor's rank.
        return spec.mode === 'average'
          ? tf.layers.globalAveragePooling1d({ name })
          : tf.layers.globalMaxPooling1d({ name });
      case 'layerNorm':
        return tf.layers.layerNormalization({ name });
      default: {
        const never: never = spec;
        throw new Error(`unknown layer ${JSON.stringify(never)}`);
      }
    }
  };

  const vocab = spec.input.kind === 'tokens' ? spec.input.vocabSize : 0;
  const apply = (
    layers: readonly LayerSpec[],
    x: tf.SymbolicTensor,
    prefix: string,
  ): tf.SymbolicTensor => {
    let out = x;
    layers.forEach((l, i) => {
      const name = `${prefix}_${i}_${l.type}`;
      const isImage = out.shape.length === 4;
      const built =
        l.type === 'globalPool' && isImage
          ? l.mode === 'average'
            ? tf.layers.globalAveragePooling2d({ name })
            : tf.layers.globalMaxPooling2d({ name })
          : layer(l, name, vocab);
      out = built.apply(out) as tf.SymbolicTensor;
    });
    return out;
  };

  const input = tf.input({
    shape: [...inputShape(spec.input)],
    dtype: spec.input.kind === 'tokens' ? 'int32' : 'float32',
    name: 'input',
  });
  const trunk = apply(spec.trunk, input, 'trunk');

  // Experts: each output (a vector, or a vector per token) is flattened into one row of an
  // [E, F] stack, so a gate's weights can mix them with one Dot layer.
  let stackedExperts: tf.SymbolicTensor | null = null;
  let expertShape: number[] = [];
  let gateInput = trunk;
  if (spec.experts) {
    const experts = Array.from({ length: spec.experts.count }, (_, e) => {
      const out = apply(spec.experts!.layers, trunk, `expert${e}`);
      expertShape = out.shape.slice(1) as number[];
      const size = expertShape.reduce((a, b) => a * b, 1);
      return tf.layers
        .reshape({ targetShape: [1, size], name: `expert${e}_row` })
        .apply(out) as tf.SymbolicTensor;
    });
    stackedExperts = tf.layers
      .concatenate({ axis: 1, name: 'experts' })
      .apply(experts) as tf.SymbolicTensor;
    if (trunk.shape.length === 3) {
      gateInput = tf.layers
        .globalAveragePooling1d({ name: 'gate_input' })
        .apply(trunk) as tf.SymbolicTensor;
    }
  }

  const outputs = spec.heads.map((head) => {
    let x = trunk;
    if (spec.experts && stackedExperts) {
      // g = softmax(W x / T): Rescaling carries 1/T so the gate stays a stock TF.js layer.
      const logits = tf.layers
        .dense({
          units: spec.experts.count,
          kernelInitializer: init(`gate_${head.task}`),
          name: `gate_${head.task}`,
        })
        .apply(gateInput) as tf.SymbolicTensor;
      const scaled = tf.layers
        .rescaling({
          scale: 1 / spec.experts.gateTemperature,
          name: `gate_${head.task}_temperature`,
        })
        .apply(logits) as tf.SymbolicTensor;
      const gate = tf.layers
        .activation({ activation: 'softmax', name: `gate_${head.task}_softmax` })
        .apply(scaled) as tf.SymbolicTensor;
      // Σ_e g_e · expert_e: [B, E] · [B, E, F] → [B, F], then back to the experts' shape.
      const mixed = tf.layers
        .dot({ axes: [1, 1], name: `mix_${head.task}` })
        .apply([gate, stackedExperts]) as tf.SymbolicTensor;
      x =
        expertShape.length === 1
          ? mixed
          : (tf.layers
              .reshape({ targetShape: expertShape, name: `mix_${head.task}_shape` })
              .apply(mixed) as tf.SymbolicTensor);
    }
    x = apply(head.layers, x, `head_${head.task}`);
    const name = outputLayerName(head.task);
    if (head.kind === 'reconstruction') {
      const shape = inputShape(spec.input);
      const size = shape.reduce((a, b) => a * b, 1);
      const flat = tf.layers
        .dense({
          units: size,
          activation: 'sigmoid',
          kernelInitializer: init(name),
          name: `${head.task}_decoder`,
        })
        .apply(x) as tf.SymbolicTensor;
      return tf.layers.reshape({ targetShape: [...shape], name }).apply(flat) as tf.SymbolicTensor;
    }
    return tf.layers
      .dense({ units: head.units, kernelInitializer: init(name), name })
      .apply(x) as tf.SymbolicTensor;
  });

  return tf.model({ inputs: input, outputs, name: 'multitask' });
}
