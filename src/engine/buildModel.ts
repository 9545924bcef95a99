import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../core/random';
import { inputShape } from '../core/spec/shapes';
import type { LayerSpec, ModelSpec } from '../core/spec/types';

/** Name of a head's output layer; export code finds heads by it. */
export const outputLayerName = (task: string) => `${task}_output`;
/** Name of the Rescaling layer that divides a gate's logits by its temperature. */
export const gateTemperatureLayerName = (task: string) => `gate_${task}_temperature`;

/**
 * Changes a gate's temperature in a built model without touching its weights. Rescaling keeps its
 * factor in a plain field read at every call, so the next step and the saved config both use it.
 */
export function setGateTemperature(model: tf.LayersModel, task: string, temperature: number): void {
  const layer = model.getLayer(gateTemperatureLayerName(task)) as unknown as { scale: number };
  layer.scale = 1 / temperature;
}

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

  // Experts: each output (a vector, or a vector per token) is flattened into one row, so a gate
  // can mix the [E, F] stack of the groups it reads with one Dot layer.
  const expertRows = new Map<string, tf.SymbolicTensor[]>();
  let expertShape: number[] = [];
  for (const group of spec.experts) {
    const rows = Array.from({ length: group.count }, (_, e) => {
      const out = apply(group.layers, trunk, `${group.id}_expert${e}`);
      expertShape = out.shape.slice(1) as number[];
      const size = expertShape.reduce((a, b) => a * b, 1);
      return tf.layers
        .reshape({ targetShape: [1, size], name: `${group.id}_expert${e}_row` })
        .apply(out) as tf.SymbolicTensor;
    });
    expertRows.set(group.id, rows);
  }
  const gateInput =
    spec.experts.length > 0 && trunk.shape.length === 3
      ? (tf.layers.globalAveragePooling1d({ name: 'gate_input' }).apply(trunk) as tf.SymbolicTensor)
      : trunk;
  // Gates that read the same groups share one stack (MMoE: every gate).
  const stacks = new Map<string, tf.SymbolicTensor>();
  const stackOf = (groups: readonly string[]): tf.SymbolicTensor => {
    const key = groups.join('+');
    let stack = stacks.get(key);
    if (!stack) {
      const rows = groups.flatMap((g) => expertRows.get(g) ?? []);
      stack = tf.layers
        .concatenate({ axis: 1, name: `experts_${stacks.size}` })
        .apply(rows) as tf.SymbolicTensor;
      stacks.set(key, stack);
    }
    return stack;
  };

  const outputs = spec.heads.map((head) => {
    let x = trunk;
    if (head.gate && spec.experts.length > 0) {
      const stacked = stackOf(head.gate.groups);
      const count = stacked.shape[1] as number;
      // g = softmax(W x / T): Rescaling carries 1/T so the gate stays a stock TF.js layer.
      const logits = tf.layers
        .dense({
          units: count,
          kernelInitializer: init(`gate_${head.task}`),
          name: `gate_${head.task}`,
        })
        .apply(gateInput) as tf.SymbolicTensor;
      const scaled = tf.layers
        .rescaling({ scale: 1 / head.gate.temperature, name: gateTemperatureLayerName(head.task) })
        .apply(logits) as tf.SymbolicTensor;
      const gate = tf.layers
        .activation({ activation: 'softmax', name: `gate_${head.task}_softmax` })
        .apply(scaled) as tf.SymbolicTensor;
      // Σ_e g_e · expert_e: [B, E] · [B, E, F] → [B, F], then back to the experts' shape.
      const mixed = tf.layers
        .dot({ axes: [1, 1], name: `mix_${head.task}` })
        .apply([gate, stacked]) as tf.SymbolicTensor;
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
