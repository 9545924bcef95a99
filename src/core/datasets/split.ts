import { createRng, deriveSeed, permutation, type Rng } from '../random';

export interface Split {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface SplitFractions {
  validation: number;
  test: number;
}

function shuffled(values: readonly number[], rng: Rng): Int32Array {
  const order = permutation(values.length, rng);
  return Int32Array.from(order, (i) => values[i]);
}

/**
 * Seeded hold-out split: the same seed always gives the same three sets. With `strata` (a class
 * id per example) every class is split in the same proportions, so a rare class is not missing
 * from validation by bad luck. Each set comes back shuffled, so any prefix is a random subset
 * (files are often sorted by class).
 */
export function splitIndices(
  count: number,
  fractions: SplitFractions | number,
  seed: number,
  strata?: ArrayLike<number>,
): Split {
  const { validation, test } =
    typeof fractions === 'number' ? { validation: fractions, test: 0 } : fractions;
  const rng = createRng(deriveSeed(seed, 'split'));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const key = strata ? strata[i] : 0;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(i);
  }
  const out = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffled(groups.get(key)!, rng);
    const nTest = Math.round(members.length * test);
    const nVal = Math.round(members.length * validation);
    out.test.push(...members.subarray(0, nTest));
    out.validation.push(...members.subarray(nTest, nTest + nVal));
    out.train.push(...members.subarray(nTest + nVal));
  }
  return {
    train: shuffled(out.train, rng),
    validation: shuffled(out.validation, rng),
    test: shuffled(out.test, rng),
  };
}
