import { createRng, deriveSeed, permutation } from '../random';

export interface Split {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * Seeded random hold-out split: the same seed always holds out the same examples. Indices stay in
 * shuffled order, so any prefix is a random subset (files are often sorted by class).
 */
export function splitIndices(count: number, validationFraction: number, seed: number): Split {
  const order = permutation(count, createRng(deriveSeed(seed, 'split')));
  const held = Math.round(count * validationFraction);
  return { validation: order.slice(0, held), train: order.slice(held) };
}
