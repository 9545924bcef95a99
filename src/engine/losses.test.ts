import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  crossEntropy,
  focal,
  headLoss,
  inverseFrequencyWeights,
  meanSquaredError,
  softDice,
} from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

describe('losses', () => {
  const logits = tf.tensor2d([
    [2, 0, 0],
    [0, 1, 3],
  ]);
  const y = tf.tensor1d([0, 1], 'int32');
  // log-softmax by hand: row 1: 2 − log(e²+2), row 2: 1 − log(1+e+e³)
  const nll0 = -(2 - Math.log(Math.exp(2) + 2));
  const nll1 = -(1 - Math.log(1 + Math.E + Math.exp(3)));

  it('cross-entropy is the mean negative log-probability of the true class', () => {
    expect(value(crossEntropy(y, logits))).toBeCloseTo((nll0 + nll1) / 2, 5);
  });

  it('temperature divides the logits before the softmax', () => {
    const t = 2;
    const nllT0 = -(1 - Math.log(Math.exp(1) + 2));
    const nllT1 = -(0.5 - Math.log(1 + Math.exp(0.5) + Math.exp(1.5)));
    expect(value(crossEntropy(y, logits, t))).toBeCloseTo((nllT0 + nllT1) / 2, 5);
  });

  it('padding labels (< 0) never count', () => {
    const padded = tf.tensor1d([0, -1], 'int32');
    expect(value(crossEntropy(padded, logits, 1, true))).toBeCloseTo(nll0, 5);
    expect(value(focal(padded, logits, 1, 0, 1))).toBeCloseTo(nll0, 5);
  });

  it('focal with γ = 0 and α = 1 equals cross-entropy', () => {
    expect(value(focal(y, logits, 1, 0, 1))).toBeCloseTo(value(crossEntropy(y, logits)), 6);
  });

  it('focal down-weights easy examples by (1 − p)^γ', () => {
    const p0 = Math.exp(-nll0);
    const p1 = Math.exp(-nll1);
    const expected = (0.25 * (1 - p0) ** 2 * nll0 + 0.25 * (1 - p1) ** 2 * nll1) / 2;
    expect(value(focal(y, logits, 1, 2, 0.25))).toBeCloseTo(expected, 5);
  });

  it('weighted focal weighs each example by its class weight', () => {
    const expected = (3 * nll0 + 0.5 * nll1) / 2;
    expect(value(focal(y, logits, 1, 0, [3, 0.5, 1]))).toBeCloseTo(expected, 5);
  });

  it('soft Dice of a confident perfect prediction is 0 and of a wrong one near 1', () => {
    const perfect = tf.tensor2d([
      [50, 0, 0],
      [0, 50, 0],
      [0, 0, 50],
    ]);
    const labels = tf.tensor1d([0, 1, 2], 'int32');
    expect(value(softDice(labels, perfect))).toBeCloseTo(0, 5);
    const wrong = tf.tensor1d([1, 2, 0], 'int32');
    expect(value(softDice(wrong, perfect))).toBeCloseTo(1, 5);
  });

  it('MSE and binary cross-entropy match hand values', () => {
    const t = tf.tensor1d([1, 0]);
    const p = tf.tensor1d([0.8, 0.4]);
    expect(value(meanSquaredError(t, p))).toBeCloseTo((0.2 ** 2 + 0.4 ** 2) / 2, 6);
    expect(value(binaryCrossEntropy(t, p))).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 5);
  });

  it('inverse-frequency weights have mean 1 and favour rare classes', () => {
    // counts 3, 1 → raw 1/3, 1 → mean 2/3 → weights 0.5, 1.5
    expect(inverseFrequencyWeights([0, 0, 0, 1], 2)).toEqual([0.5, 1.5]);
  });

  it('headLoss dispatches on the spec and leaks nothing', () => {
    const before = tf.memory().numTensors;
    value(headLoss({ type: 'focal', gamma: 2, alpha: 1 }, y, logits, 1));
    value(headLoss({ type: 'weightedFocal', gamma: 0, classWeights: [1, 1, 1] }, y, logits, 1));
    value(headLoss({ type: 'dice' }, y, logits, 1));
    expect(tf.memory().numTensors).toBe(before);
  });
});
