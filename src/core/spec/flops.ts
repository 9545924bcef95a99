import { inferLayer, inputShape, shapeSize, type Shape } from './shapes';
import type { LayerSpec, ModelSpec } from './types';

/**
 * Floating-point operations of one layer on one example, counting a multiply-add as two:
 *   dense   2 · inputs · units per position;  conv2d  2 · OH·OW · K²·C · F;  conv1d  2 · T' · K·C · F;
 *   gru     per step and direction, three gates of 2 · (C + U) · U;  the rest (pooling, embedding
 *   lookups, norms, activations) is memory traffic and counted as nothing.
 */
export function layerFlops(layer: LayerSpec, input: Shape, output: Shape): number {
  switch (layer.type) {
    case 'dense':
      return 2 * shapeSize(input) * layer.units;
    case 'conv2d':
      return 2 * shapeSize(output) * layer.kernelSize ** 2 * input[2];
    case 'conv1d':
      return 2 * shapeSize(output) * layer.kernelSize * input[1];
    case 'gru': {
      const [steps, features] = input;
      const directions = layer.bidirectional ? 2 : 1;
      return directions * steps * 3 * 2 * (features + layer.units) * layer.units;
    }
    default:
      return 0;
  }
}

function chainFlops(layers: readonly LayerSpec[], shape: Shape, onTokens: boolean, vocab: number) {
  let flops = 0;
  let tokens = onTokens;
  for (const layer of layers) {
    const out = inferLayer(layer, shape, tokens, vocab);
    if (!out.ok) throw new Error(out.message);
    flops += layerFlops(layer, shape, out.shape);
    shape = out.shape;
    tokens = false;
  }
  return { flops, shape, tokens };
}

/**
 * Forward FLOPs per example of a model without experts: the trunk, then each head (its layers and
 * its output layer). One training step costs about three times this per example (the backward
 * pass computes two products for every one of the forward pass).
 */
export function forwardFlops(spec: ModelSpec): number {
  if (spec.experts.length > 0) throw new Error('FLOP counts cover models without experts.');
  const vocab = spec.input.kind === 'tokens' ? spec.input.vocabSize : 0;
  const trunk = chainFlops(spec.trunk, inputShape(spec.input), spec.input.kind === 'tokens', vocab);
  let flops = trunk.flops;
  for (const head of spec.heads) {
    const hidden = chainFlops(head.layers, trunk.shape, trunk.tokens, vocab);
    flops += hidden.flops + 2 * shapeSize(hidden.shape) * head.units;
  }
  return flops;
}
