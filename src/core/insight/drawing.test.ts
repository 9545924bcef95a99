import { describe, expect, it } from 'vitest';
import { drawingToImage } from './drawing';

/** A 280 × 280 canvas with a filled rectangle of ink. */
function canvasWith(x0: number, y0: number, x1: number, y1: number): Float32Array {
  const ink = new Float32Array(280 * 280);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * 280 + x] = 1;
  return ink;
}

const centre = (img: Float32Array, w: number) => {
  let m = 0;
  let cx = 0;
  let cy = 0;
  img.forEach((v, i) => {
    m += v;
    cx += v * (i % w);
    cy += v * Math.floor(i / w);
  });
  return [cx / m, cy / m, m];
};

describe('drawingToImage', () => {
  it('centres a stroke drawn in a corner and scales it to 20 of 28 pixels', () => {
    // A 40 × 200 bar in the top-left corner.
    const img = drawingToImage(canvasWith(10, 10, 50, 210), 280, 28, 28);
    const [cx, cy] = centre(img, 28);
    expect(Math.abs(cx - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 13.5)).toBeLessThanOrEqual(0.5);
    const rows = new Set<number>();
    img.forEach((v, i) => v > 0.5 && rows.add(Math.floor(i / 28)));
    expect(rows.size).toBe(20);
  });

  it('keeps the ink in [0, 1] and an empty canvas empty', () => {
    const img = drawingToImage(canvasWith(100, 100, 180, 180), 280, 28, 28);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...drawingToImage(new Float32Array(280 * 280), 280, 28, 28))).toBe(0);
  });

  it('gives the same image wherever the same shape is drawn', () => {
    const a = drawingToImage(canvasWith(20, 30, 60, 150), 280, 28, 28);
    const b = drawingToImage(canvasWith(200, 120, 240, 240), 280, 28, 28);
    expect(b).toEqual(a);
  });
});
