import type { InputSpec, LayerSpec } from './types';

/** Tensor shape without the batch axis. */
export type Shape = readonly number[];

export type LayerInference =
  { ok: true; shape: Shape; params: number } | { ok: false; message: string };

const fail = (message: string): LayerInference => ({ ok: false, message });
const product = (s: Shape) => s.reduce((a, b) => a * b, 1);

/** Output length of a 1-D window op: 'same' → ⌈n/s⌉, 'valid' → ⌊(n−k)/s⌋ + 1. */
export function windowLength(n: number, k: number, s: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
}

export function inputShape(input: InputSpec): Shape {
  return input.kind === 'image' ? [input.height, input.width, input.channels] : [input.maxLength];
}

const describe = (s: Shape) => `[${s.join('×')}]`;

/**
 * Shape and trainable parameter count of one layer applied to `shape`.
 * `onTokens` is true while the tensor still holds raw token ids (only an embedding may read them).
 */
export function inferLayer(
  layer: LayerSpec,
  shape: Shape,
  onTokens: boolean,
  vocabSize: number,
): LayerInference {
  if (onTokens && layer.type !== 'embedding') {
    return fail('Token ids must go through an Embedding layer first.');
  }
  switch (layer.type) {
    case 'dense': {
      if (shape.length < 1) return fail('Dense needs an input with at least one axis.');
      const inDim = shape[shape.length - 1];
      return {
        ok: true,
        shape: [...shape.slice(0, -1), layer.units],
        params: inDim * layer.units + layer.units,
      };
    }
    case 'conv2d': {
      if (shape.length !== 3) {
        return fail(
          `Conv2D needs an image-shaped input [height×width×channels], got ${describe(shape)}.`,
        );
      }
      const [h, w, c] = shape;
      const oh = windowLength(h, layer.kernelSize, layer.strides, layer.padding);
      const ow = windowLength(w, layer.kernelSize, layer.strides, layer.padding);
      if (oh < 1 || ow < 1)
        return fail(`Kernel ${layer.kernelSize} is larger than the ${h}×${w} input.`);
      return {
        ok: true,
        shape: [oh, ow, layer.filters],
        params: layer.kernelSize * layer.kernelSize * c * layer.filters + layer.filters,
      };
    }
    case 'maxPool2d': {
      if (shape.length !== 3)
        return fail(`MaxPool2D needs an image-shaped input, got ${describe(shape)}.`);
      const [h, w, c] = shape;
      const oh = windowLength(h, layer.poolSize, layer.strides, 'valid');
      const ow = windowLength(w, layer.poolSize, layer.strides, 'valid');
      if (oh < 1 || ow < 1)
        return fail(`Pool size ${layer.poolSize} is larger than the ${h}×${w} input.`);
      return { ok: true, shape: [oh, ow, c], params: 0 };
    }
    case 'flatten':
      return { ok: true, shape: [product(shape)], params: 0 };
    case 'dropout':
      return { ok: true, shape, params: 0 };
    case 'embedding': {
      if (!onTokens) return fail('Embedding reads token ids: put it first, on a token input.');
      return { ok: true, shape: [...shape, layer.outputDim], params: vocabSize * layer.outputDim };
    }
    case 'conv1d': {
      if (shape.length !== 2)
        return fail(`Conv1D needs a sequence [length×features], got ${describe(shape)}.`);
      const [t, c] = shape;
      const ot = windowLength(t, layer.kernelSize, layer.strides, layer.padding);
      if (ot < 1) return fail(`Kernel ${layer.kernelSize} is longer than the sequence (${t}).`);
      return {
        ok: true,
        shape: [ot, layer.filters],
        params: layer.kernelSize * c * layer.filters + layer.filters,
      };
    }
    case 'gru': {
      if (shape.length !== 2)
        return fail(`GRU needs a sequence [length×features], got ${describe(shape)}.`);
      const [t, c] = shape;
      const directions = layer.bidirectional ? 2 : 1;
      // Three gates, each with input kernel, recurrent kernel and bias (TF.js GRU, no reset_after).
      const params = directions * 3 * (layer.units * (c + layer.units) + layer.units);
      const features = layer.units * directions;
      return { ok: true, shape: layer.returnSequences ? [t, features] : [features], params };
    }
    case 'globalPool': {
      if (shape.length !== 2 && shape.length !== 3) {
        return fail(`Global pooling needs a sequence or an image, got ${describe(shape)}.`);
      }
      return { ok: true, shape: [shape[shape.length - 1]], params: 0 };
    }
    case 'layerNorm': {
      if (shape.length < 1) return fail('Layer norm needs at least one axis.');
      return { ok: true, shape, params: 2 * shape[shape.length - 1] };
    }
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(never)}`);
    }
  }
}

export { describe as describeShape, product as shapeSize };
