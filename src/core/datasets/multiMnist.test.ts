import { describe, expect, it } from 'vitest';
import type { ImageSet } from './imageSetFormat';
import { multiMnist } from './multiMnist';

// Two 28×28 "digits": a white square labelled 3 and a black one labelled 7.
const side = 28;
const digits: ImageSet = {
  height: side,
  width: side,
  channels: 1,
  classes: 10,
  labels: Uint8Array.from([3, 7]),
  pixels: Uint8Array.from({ length: 2 * side * side }, (_, i) => (i < side * side ? 255 : 0)),
};

describe('MultiMNIST', () => {
  it('is the same for a seed and differs for another', () => {
    const a = multiMnist(digits, 40, 1);
    expect(multiMnist(digits, 40, 1)).toEqual(a);
    expect(Array.from(multiMnist(digits, 40, 2).left)).not.toEqual(Array.from(a.left));
  });

  it('puts the left digit top-left and the right digit bottom-right, labelled accordingly', () => {
    const { pixels, left, right } = multiMnist(digits, 60, 5);
    for (let k = 0; k < 60; k++) {
      const image = pixels.subarray(k * side * side, (k + 1) * side * side);
      // Output pixel (0, 0) covers canvas pixels only the left digit reaches; (27, 27) only the right.
      expect(image[0] === 255).toBe(left[k] === 3);
      expect(image[side * side - 1] === 255).toBe(right[k] === 3);
      // Where the two overlap the brighter wins (maximum), so the centre is white if either is.
      expect(image[14 * side + 14] === 255).toBe(left[k] === 3 || right[k] === 3);
    }
    expect(new Set(left).size).toBe(2);
  });
});
