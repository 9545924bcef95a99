import * as tf from '@tensorflow/tfjs';
import type { LossSpec } from '../core/spec/types';

/**
 * Losses as tensors. Conventions, for every classification-style loss:
 *   yTrue  int32 class ids, shape [B] or [B, T]; an id < 0 marks padding and never counts;
 *   logits float, shape [B, C] or [B, T, C], before the softmax;
 *   T      softmax temperature, p = softmax(z / T).
 * Each returns a scalar: the mean over the positions that count. The caller owns the result.
 */

export const DEFAULT_FOCAL_GAMMA = 2;
export const DEFAULT_FOCAL_ALPHA = 1;
/** Keeps Dice defined when a class is absent from both prediction and truth. */
const DICE_SMOOTHING = 1e-6;
const PROB_EPSILON = 1e-7;

function validMask(yTrue: tf.Tensor): tf.Tensor {
  return tf.cast(tf.greaterEqual(yTrue, 0), 'float32');
}

/** Σ(values·mask) / max(Σmask, 1). */
function maskedMean(values: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.div(tf.sum(tf.mul(values, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

function logProbs(logits: tf.Tensor, temperature: number): tf.Tensor {
  return tf.logSoftmax(temperature === 1 ? logits : tf.div(logits, temperature));
}

function oneHotOf(yTrue: tf.Tensor, classes: number): tf.Tensor {
  // tf.oneHot maps a negative id (padding) to an all-zero row.
  return tf.oneHot(tf.cast(yTrue, 'int32'), classes);
}

/**
 * Cross-entropy with temperature: −log softmax(z/T)[y]. TF.js's fused op carries its own
 * gradient (softmax − onehot), which keeps the backward pass as short as a stock model's.
 * `masked` makes padding ids (< 0) count in neither the sum nor the mean.
 */
export function crossEntropy(
  yTrue: tf.Tensor,
  logits: tf.Tensor,
  temperature = 1,
  masked = false,
): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.shape.length - 1];
    const scaled = temperature === 1 ? logits : tf.div(logits, temperature);
    return tf.losses.softmaxCrossEntropy(
      oneHotOf(yTrue, classes),
      scaled,
      masked ? validMask(yTrue) : undefined,
    ) as tf.Scalar;
  });
}

/**
 * Focal loss (Lin et al. 2017, eq. 5): −α_y (1 − p_y)^γ log p_y. γ = 0 and α = 1 give cross-entropy;
 * `alpha` is one number for every class or one weight per class (weighted focal, e.g. inverse frequency).
 */
export function focal(
  yTrue: tf.Tensor,
  logits: tf.Tensor,
  temperature: number,
  gamma: number,
  alpha: number | readonly number[],
): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.shape.length - 1];
    const oneHot = oneHotOf(yTrue, classes);
    const logPy = tf.sum(tf.mul(oneHot, logProbs(logits, temperature)), -1);
    const py = tf.exp(logPy);
    const modulator = gamma === 0 ? tf.onesLike(py) : tf.pow(tf.sub(1, py), gamma);
    const alphaY =
      typeof alpha === 'number'
        ? tf.scalar(alpha)
        : tf.sum(tf.mul(oneHot, tf.tensor1d(alpha as number[])), -1);
    const loss = tf.neg(tf.mul(tf.mul(alphaY, modulator), logPy));
    return maskedMean(loss, validMask(yTrue));
  });
}

/**
 * Soft Dice loss (Milletari et al. 2016), macro over classes:
 * 1 − mean_c (2 Σ p_c y_c + ε) / (Σ p_c + Σ y_c + ε), sums over the batch (and tokens).
 */
export function softDice(yTrue: tf.Tensor, logits: tf.Tensor, temperature = 1): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.shape.length - 1];
    const mask = tf.expandDims(validMask(yTrue), -1);
    const y = tf.reshape(tf.mul(oneHotOf(yTrue, classes), mask), [-1, classes]);
    const p = tf.reshape(tf.mul(tf.exp(logProbs(logits, temperature)), mask), [-1, classes]);
    const intersection = tf.sum(tf.mul(p, y), 0);
    const sizes = tf.add(tf.sum(p, 0), tf.sum(y, 0));
    const dice = tf.div(
      tf.add(tf.mul(intersection, 2), DICE_SMOOTHING),
      tf.add(sizes, DICE_SMOOTHING),
    );
    return tf.sub(1, tf.mean(dice)) as tf.Scalar;
  });
}

/** Mean squared error over every value. */
export function meanSquaredError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(yTrue, yPred)) as tf.Scalar);
}

/** Binary cross-entropy on probabilities: −[y log p + (1 − y) log(1 − p)], p clipped away from 0 and 1. */
export function binaryCrossEntropy(yTrue: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probs, PROB_EPSILON, 1 - PROB_EPSILON);
    const ll = tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(ll)) as tf.Scalar;
  });
}

/** Per-class weights ∝ 1 / frequency, normalised to mean 1 over the classes present. */
export function inverseFrequencyWeights(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) counts[labels[i]]++;
  const raw = counts.map((c) => (c > 0 ? 1 / c : 0));
  const present = raw.filter((w) => w > 0);
  const mean = present.reduce((a, b) => a + b, 0) / Math.max(present.length, 1);
  return raw.map((w) => (mean > 0 ? w / mean : 0));
}

/**
 * The loss a head's spec asks for. `classWeights` resolves 'inverseFrequency' from the training
 * labels; `masked` is for tagging heads, whose padding positions carry the id −1.
 */
export function headLoss(
  loss: LossSpec,
  yTrue: tf.Tensor,
  output: tf.Tensor,
  temperature: number,
  classWeights?: readonly number[],
  masked = false,
): tf.Scalar {
  switch (loss.type) {
    case 'crossEntropy':
      return crossEntropy(yTrue, output, temperature, masked);
    case 'focal':
      return focal(yTrue, output, temperature, loss.gamma, loss.alpha);
    case 'weightedFocal': {
      const weights = Array.isArray(loss.classWeights) ? loss.classWeights : classWeights;
      if (!weights) throw new Error('weighted focal loss needs class weights');
      return focal(yTrue, output, temperature, loss.gamma, weights);
    }
    case 'dice':
      return softDice(yTrue, output, temperature);
    case 'mse':
      return meanSquaredError(yTrue, output);
    case 'binaryCrossEntropy':
      return binaryCrossEntropy(yTrue, output);
    default: {
      const never: never = loss;
      throw new Error(`unknown loss ${JSON.stringify(never)}`);
    }
  }
}
