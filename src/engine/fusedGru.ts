import * as tf from '@tensorflow/tfjs';
import { GRU_SEQUENCE, gruSequence } from './kernels/gruSequence';

type GruArgs = Parameters<typeof tf.layers.gru>[0];
type Kwargs = Record<string, unknown> | undefined;

/** TF.js's GRU layer class (not exported by name). */
const StockGru = tf.layers.gru({ units: 1 }).constructor as new (args: GruArgs) => tf.RNN;

interface GruCellParts {
  kernel: tf.LayerVariable;
  recurrentKernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  units: number;
  dropout: number;
  recurrentDropout: number;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
}

/**
 * TF.js's GRU, with the recurrence run as one fused kernel (kernels/gruSequence.ts) when the
 * backend has it and the layer is the plain kind the app builds; otherwise exactly the stock
 * layer. It saves as 'GRU' with the same weights, so downloaded models load in stock TF.js.
 */
export class FusedGru extends StockGru {
  static className = 'GRU';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const cell = (this as unknown as { cell: GruCellParts }).cell;
    const self = this as unknown as {
      goBackwards: boolean;
      returnSequences: boolean;
      returnState: boolean;
      stateful: boolean;
    };
    const fusable =
      tf.getKernel(GRU_SEQUENCE, tf.getBackend()) !== undefined &&
      kwargs?.mask == null &&
      kwargs?.initialState == null &&
      !self.stateful &&
      !self.returnState &&
      cell.bias !== null &&
      cell.dropout === 0 &&
      cell.recurrentDropout === 0 &&
      cell.activation.getClassName() === 'tanh' &&
      cell.recurrentActivation.getClassName() === 'hardSigmoid';
    if (!fusable) return super.call(inputs, kwargs as never);
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, steps, features] = x.shape;
      const units = cell.units;
      // The input projection of every step at once: one matrix product instead of T.
      const proj = tf.reshape(
        tf.add(
          tf.matMul(tf.reshape(x, [batch * steps, features]), cell.kernel.read()),
          cell.bias!.read(),
        ),
        [batch, steps, 3 * units],
      ) as tf.Tensor3D;
      const hs = gruSequence(proj, cell.recurrentKernel.read() as tf.Tensor2D, self.goBackwards);
      if (self.returnSequences) return hs;
      return tf.reshape(tf.slice(hs, [0, steps - 1, 0], [batch, 1, units]), [batch, units]);
    });
  }
}

// Bidirectional rebuilds its inner layers from their class name: 'GRU' must name this class.
tf.serialization.registerClass(
  FusedGru as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);

export const fusedGru = (args: GruArgs): tf.RNN => new FusedGru(args);
