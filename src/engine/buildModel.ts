import * as tf from '@tensorflow/tfjs';
import { fusedGru } from './fusedGru';
import { deriveSeed } from '../core/random';
import { hasSharedLayers, sharedExpertGroups } from '../core/spec/mixture';
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

const sharedGroupIds = (spec: ModelSpec): string[] => sharedExpertGroups(spec).map((g) => g.id);

/** Whether a layer of the built model is shared: the trunk's, and the shared groups' experts. */
export function sharedLayerTest(spec: ModelSpec): (layerName: string) => boolean {
  const shared = sharedGroupIds(spec).map((id) => `${id}_expert`);
  return (name) =>
    name.startsWith('trunk_') ||
    shared.some((prefix) => name.startsWith(prefix) && /^\d+_/.test(name.slice(prefix.length)));
}

/** Layers accept concrete tensors (eager) and symbolic ones (graph building) alike. */
type AnyTensor = tf.Tensor | tf.SymbolicTensor;

/** What the layers every task trains produce: the trunk's output and the shared experts' rows. */
export interface SharedOutputs<T extends AnyTensor> {
  trunk: T;
  /** Rows ([batch, 1, size]) of each expert group that more than one gate reads. */
  rows: Map<string, T[]>;
}

/**
 * A spec's layers, created once, and the two halves of its forward pass: the shared part and
 * each task's own part (its experts, gate, tower and output). The model is both halves wired
 * symbolically; the trainer can also run them eagerly to reach each task's gradient on the
 * shared representation.
 */
export interface Network {
  model: tf.LayersModel;
  /** The trunk has layers or a shared expert group exists: tasks share a representation. */
  hasShared: boolean;
  shared<T extends AnyTensor>(x: T, kwargs?: tf.serialization.ConfigDict): SharedOutputs<T>;
  /** Task `index`'s output from the shared outputs. */
  task<T extends AnyTensor>(
    index: number,
    shared: SharedOutputs<T>,
    kwargs?: tf.serialization.ConfigDict,
  ): T;
}

/**
 * Builds a `tf.LayersModel` from a spec with standard TF.js layers only, so a saved model loads in
 * stock TF.js. Outputs follow `spec.heads` order: logits for classification and tagging heads
 * (the temperature is applied by the loss and at prediction), values for regression, and a
 * sigmoid image for reconstruction. Every initializer is seeded from `seed` and the layer name.
 * The caller owns the model (`model.dispose()`). Throws only on specs `analyzeSpec` rejects.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.LayersModel {
  return buildNetwork(spec, seed).model;
}

export function buildNetwork(spec: ModelSpec, seed: number): Network {
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
          fusedGru({
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
  const isImageShape = (shape: readonly (number | null)[]) => shape.length === 4;
  /**
   * A tower's layers, created on first use from the rank of the tensor it first sees (global
   * pooling is 1-D or 2-D by rank), then reused by every later call.
   */
  const tower = (layers: readonly LayerSpec[], prefix: string) => {
    let built: tf.layers.Layer[] | null = null;
    return <T extends AnyTensor>(x: T, kwargs?: tf.serialization.ConfigDict): T => {
      if (!built) {
        built = [];
        let shape = x.shape;
        for (const [i, l] of layers.entries()) {
          const name = `${prefix}_${i}_${l.type}`;
          const made =
            l.type === 'globalPool' && isImageShape(shape)
              ? l.mode === 'average'
                ? tf.layers.globalAveragePooling2d({ name })
                : tf.layers.globalMaxPooling2d({ name })
              : layer(l, name, vocab);
          built.push(made);
          shape = made.computeOutputShape(shape as tf.Shape) as (number | null)[];
        }
      }
      let out: T = x;
      for (const l of built) out = l.apply(out, kwargs) as T;
      return out;
    };
  };

  const trunkTower = tower(spec.trunk, 'trunk');
  /** Shape of one expert's output (all experts agree; `analyzeSpec` checks). */
  let expertShape: number[] = [];
  // Experts: each output (a vector, or a vector per token) is flattened into one row, so a gate
  // can mix the [E, F] stack of the groups it reads with one Dot layer.
  const experts = new Map(
    spec.experts.map((group) => [
      group.id,
      Array.from({ length: group.count }, (_, e) => {
        const prefix = `${group.id}_expert${e}`;
        const net = tower(group.layers, prefix);
        let row: tf.layers.Layer | null = null;
        return <T extends AnyTensor>(x: T, kwargs?: tf.serialization.ConfigDict): T => {
          const out = net(x, kwargs);
          expertShape = out.shape.slice(1) as number[];
          const size = expertShape.reduce((a, b) => a * b, 1);
          row ??= tf.layers.reshape({ targetShape: [1, size], name: `${prefix}_row` });
          return row.apply(out) as T;
        };
      }),
    ]),
  );
  const groupRows = <T extends AnyTensor>(
    id: string,
    trunk: T,
    kwargs?: tf.serialization.ConfigDict,
  ) => (experts.get(id) ?? []).map((expert) => expert(trunk, kwargs));

  const gateInputLayer = tf.layers.globalAveragePooling1d({ name: 'gate_input' });
  const gateInput = <T extends AnyTensor>(trunk: T): T =>
    trunk.shape.length === 3 ? (gateInputLayer.apply(trunk) as T) : trunk;
  // Gates that read the same groups share one stack (MMoE: every gate).
  const stackLayers = new Map<string, tf.layers.Layer>();
  for (const h of spec.heads) {
    const key = h.gate?.groups.join('+');
    if (key !== undefined && spec.experts.length > 0 && !stackLayers.has(key)) {
      stackLayers.set(key, tf.layers.concatenate({ axis: 1, name: `experts_${stackLayers.size}` }));
    }
  }

  const headParts = spec.heads.map((head) => {
    const gate =
      head.gate && spec.experts.length > 0
        ? {
            groups: head.gate.groups,
            stack: stackLayers.get(head.gate.groups.join('+'))!,
            // g = softmax(W x / T): Rescaling carries 1/T so the gate stays a stock TF.js layer.
            logits: tf.layers.dense({
              units: head.gate.groups.reduce(
                (n, g) => n + (spec.experts.find((e) => e.id === g)?.count ?? 0),
                0,
              ),
              kernelInitializer: init(`gate_${head.task}`),
              name: `gate_${head.task}`,
            }),
            scale: tf.layers.rescaling({
              scale: 1 / head.gate.temperature,
              name: gateTemperatureLayerName(head.task),
            }),
            softmax: tf.layers.activation({
              activation: 'softmax',
              name: `gate_${head.task}_softmax`,
            }),
            // Σ_e g_e · expert_e: [B, E] · [B, E, F] → [B, F], then back to the experts' shape.
            mix: tf.layers.dot({ axes: [1, 1], name: `mix_${head.task}` }),
          }
        : null;
    const name = outputLayerName(head.task);
    const shape = inputShape(spec.input);
    const size = shape.reduce((a, b) => a * b, 1);
    const output =
      head.kind === 'reconstruction'
        ? [
            tf.layers.dense({
              units: size,
              activation: 'sigmoid',
              kernelInitializer: init(name),
              name: `${head.task}_decoder`,
            }),
            tf.layers.reshape({ targetShape: [...shape], name }),
          ]
        : [tf.layers.dense({ units: head.units, kernelInitializer: init(name), name })];
    return {
      gate,
      tower: tower(head.layers, `head_${head.task}`),
      output,
      mixShape: null as tf.layers.Layer | null,
    };
  });

  const sharedGroups = sharedGroupIds(spec);
  const shared = <T extends AnyTensor>(
    x: T,
    kwargs?: tf.serialization.ConfigDict,
  ): SharedOutputs<T> => {
    const trunk = trunkTower(x, kwargs);
    return { trunk, rows: new Map(sharedGroups.map((id) => [id, groupRows(id, trunk, kwargs)])) };
  };

  // `stacks` holds this pass's expert stacks by group key: one per key in the model graph.
  const task = <T extends AnyTensor>(
    index: number,
    sharedOut: SharedOutputs<T>,
    kwargs?: tf.serialization.ConfigDict,
    stacks: Map<string, T> = new Map(),
  ): T => {
    const part = headParts[index];
    let x = sharedOut.trunk;
    if (part.gate) {
      const key = part.gate.groups.join('+');
      let stacked = stacks.get(key);
      if (!stacked) {
        const rows = part.gate.groups.flatMap(
          (g) => sharedOut.rows.get(g) ?? groupRows(g, sharedOut.trunk, kwargs),
        );
        stacked = part.gate.stack.apply(rows as tf.Tensor[]) as T;
        stacks.set(key, stacked);
      }
      const logits = part.gate.logits.apply(gateInput(sharedOut.trunk)) as T;
      const gate = part.gate.softmax.apply(part.gate.scale.apply(logits)) as T;
      const mixed = part.gate.mix.apply([gate, stacked] as tf.Tensor[]) as T;
      if (expertShape.length === 1) {
        x = mixed;
      } else {
        part.mixShape ??= tf.layers.reshape({
          targetShape: expertShape,
          name: `mix_${spec.heads[index].task}_shape`,
        });
        x = part.mixShape.apply(mixed) as T;
      }
    }
    let out = part.tower(x, kwargs);
    for (const l of part.output) out = l.apply(out) as T;
    return out;
  };

  const input = tf.input({
    shape: [...inputShape(spec.input)],
    dtype: spec.input.kind === 'tokens' ? 'int32' : 'float32',
    name: 'input',
  });
  const sharedSymbolic = shared(input);
  const stacks = new Map<string, tf.SymbolicTensor>();
  const outputs = spec.heads.map((_, i) => task(i, sharedSymbolic, undefined, stacks));
  const model = tf.model({ inputs: input, outputs, name: 'multitask' });
  return {
    model,
    hasShared: hasSharedLayers(spec),
    shared,
    task: (index, sharedOut, kwargs) => task(index, sharedOut, kwargs),
  };
}
