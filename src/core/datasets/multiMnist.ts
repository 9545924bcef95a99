import { createRng } from '../random';
import type { ImageSet } from './imageSetFormat';

/** Sener & Koltun (NeurIPS 2018): two digits overlaid on a 36×36 canvas, resized to 28×28. */
export const MULTI_MNIST_CANVAS = 36;
export const MULTI_MNIST_SIDE = 28;

/**
 * Builds `count` MultiMNIST images from single digits with a seed: digit A at the top-left
 * corner of the canvas, digit B at the bottom-right (offset 36 − 28 = 8 px on both axes), the
 * pixel-wise maximum where they overlap, then an area-averaging resize back to 28×28.
 * Labels: left digit (A) and right digit (B).
 */
export function multiMnist(
  digits: ImageSet,
  count: number,
  seed: number,
): { pixels: Uint8Array; left: Int32Array; right: Int32Array } {
  const side = digits.width;
  if (digits.height !== side || digits.channels !== 1)
    throw new Error('multiMnist needs square grey-scale digits');
  const C = MULTI_MNIST_CANVAS;
  const S = MULTI_MNIST_SIDE;
  const offset = C - side;
  const n = digits.labels.length;
  const rng = createRng(seed);
  const canvas = new Uint8Array(C * C);
  const pixels = new Uint8Array(count * S * S);
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const scale = C / S;
  for (let k = 0; k < count; k++) {
    const a = Math.floor(rng() * n);
    const b = Math.floor(rng() * n);
    left[k] = digits.labels[a];
    right[k] = digits.labels[b];
    canvas.fill(0);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        canvas[r * C + c] = digits.pixels[a * side * side + r * side + c];
      }
    }
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const at = (r + offset) * C + (c + offset);
        canvas[at] = Math.max(canvas[at], digits.pixels[b * side * side + r * side + c]);
      }
    }
    // Each output pixel averages the canvas area it covers (scale 36/28 per axis).
    for (let r = 0; r < S; r++) {
      const y0 = r * scale;
      const y1 = y0 + scale;
      for (let c = 0; c < S; c++) {
        const x0 = c * scale;
        const x1 = x0 + scale;
        let sum = 0;
        for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
          const wy = Math.min(y + 1, y1) - Math.max(y, y0);
          for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
            const wx = Math.min(x + 1, x1) - Math.max(x, x0);
            sum += wy * wx * canvas[y * C + x];
          }
        }
        pixels[k * S * S + r * S + c] = Math.round(sum / (scale * scale));
      }
    }
  }
  return { pixels, left, right };
}
