import * as tf from '@tensorflow/tfjs';
import { sharedExpertGroups } from '../core/spec/mixture';
import type { ModelSpec } from '../core/spec/types';

/** Examples per forward pass when a whole split is inspected. */
const INSPECT_BATCH = 256;

export interface GateInfo {
  task: string;
  /** "shared 1", "digit 2": group id and 1-based index, in the gate's order. */
  experts: string[];
}

/** A batch's values, row-major, with the shape (batch axis first). */
export interface Values {
  values: Float32Array;
  shape: number[];
}

/**
 * Reads what a built model computes besides its outputs: the shared representation (the trunk's
 * last layer, or the shared experts' outputs side by side when there is no trunk) and each gate's
 * softmax. Extra `tf.model`s over the same layers reach them, so no weights are copied; they are
 * never disposed (that would dispose the shared layers' weights).
 */
export class ModelInspector {
  readonly gates: GateInfo[];
  /** What the shared representation is, in words; null when the heads share no layer. */
  readonly sharedSource: string | null;
  private sharedModel: tf.LayersModel | null = null;
  private gateModel: tf.LayersModel | null = null;

  constructor(
    readonly model: tf.LayersModel,
    readonly spec: ModelSpec,
  ) {
    const withGates = spec.heads.filter((h) => h.gate && spec.experts.length > 0);
    this.gates = withGates.map((h) => ({
      task: h.task,
      experts: h.gate!.groups.flatMap((id) => {
        const count = spec.experts.find((g) => g.id === id)?.count ?? 0;
        return Array.from({ length: count }, (_, e) => `${id} ${e + 1}`);
      }),
    }));
    if (withGates.length > 0) {
      this.gateModel = tf.model({
        inputs: model.inputs,
        outputs: withGates.map(
          (h) => model.getLayer(`gate_${h.task}_softmax`).getOutputAt(0) as tf.SymbolicTensor,
        ),
      });
    }
    // The last layers every task reads: the shared experts when there are any (a trunk before
    // them may be a mere flatten), else the trunk.
    const last = spec.trunk.length - 1;
    const groups = sharedExpertGroups(spec);
    let outputs: tf.SymbolicTensor[] = [];
    if (groups.length > 0) {
      // A row layer's input is its expert's output in its own shape ([T, F] per token, or [F]).
      outputs = groups.flatMap((g) =>
        Array.from(
          { length: g.count },
          (_, e) => model.getLayer(`${g.id}_expert${e}_row`).getInputAt(0) as tf.SymbolicTensor,
        ),
      );
      const count = groups.reduce((n, g) => n + g.count, 0);
      this.sharedSource = `the ${count} shared experts' outputs side by side`;
    } else if (last >= 0) {
      outputs = [
        model
          .getLayer(`trunk_${last}_${spec.trunk[last].type}`)
          .getOutputAt(0) as tf.SymbolicTensor,
      ];
      this.sharedSource = `the shared trunk's last layer (${spec.trunk[last].type})`;
    } else {
      this.sharedSource = null;
    }
    if (outputs.length > 0) this.sharedModel = tf.model({ inputs: model.inputs, outputs });
  }

  /** Every head's raw output (logits, values, images), one entry per head in spec order. */
  heads(x: tf.Tensor): Promise<Values[]> {
    return modelOutputs(this.model, x);
  }

  /** Each gated head's softmax over its experts, [N × E], in `gates` order. */
  gateWeights(x: tf.Tensor): Promise<Values[]> {
    const model = this.gateModel;
    if (!model) return Promise.resolve([]);
    return batched(x, (batch) => {
      const raw = model.predict(batch);
      return Array.isArray(raw) ? raw : [raw];
    });
  }

  /**
   * The shared representation: [N, T, F] when it is one vector per token (a sequence trunk),
   * otherwise [N, F] with each example's values flattened. Null without shared layers.
   */
  async shared(x: tf.Tensor): Promise<Values | null> {
    const model = this.sharedModel;
    if (!model) return null;
    const [out] = await batched(x, (batch) => {
      const raw = model.predict(batch);
      const parts = Array.isArray(raw) ? raw : [raw];
      // Per-token features of a sequence stay per token, side by side on the feature axis.
      if (parts[0].rank === 3 && x.rank === 2) {
        return [parts.length === 1 ? parts[0] : tf.concat(parts, 2)];
      }
      const n = batch.shape[0];
      const flat = parts.map((p) => p.reshape([n, -1]));
      return [flat.length === 1 ? flat[0] : tf.concat(flat, 1)];
    });
    return out;
  }
}

/** Runs `forward` over `x` in batches and joins each output's values along the batch axis. */
export async function batched(
  x: tf.Tensor,
  forward: (batch: tf.Tensor) => tf.Tensor[],
): Promise<Values[]> {
  const n = x.shape[0];
  const parts: Float32Array[][] = [];
  let shapes: number[][] = [];
  for (let start = 0; start < n; start += INSPECT_BATCH) {
    const size = Math.min(INSPECT_BATCH, n - start);
    const outs = tf.tidy(() => forward(x.slice(start, size)));
    shapes = outs.map((o) => o.shape.slice(1));
    for (let i = 0; i < outs.length; i++) {
      (parts[i] ??= []).push((await outs[i].data()) as Float32Array);
      outs[i].dispose();
    }
  }
  return parts.map((chunks, i) => {
    const values = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      values.set(c, at);
      at += c.length;
    }
    return { values, shape: [n, ...shapes[i]] };
  });
}

/** A model's outputs over `x`, one entry per output, in the model's order. */
export function modelOutputs(model: tf.LayersModel, x: tf.Tensor): Promise<Values[]> {
  return batched(x, (batch) => {
    const raw = model.predict(batch);
    return Array.isArray(raw) ? raw : [raw];
  });
}
