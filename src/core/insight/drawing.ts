/** Share of the image side a drawing's longer side fills (MNIST: 20 of 28 pixels). */
const FILL = 20 / 28;
/** Source pixels at or below this intensity are background. */
const INK = 0.05;

/**
 * A drawing made ready for a model trained on MNIST-like images: cropped to its ink, scaled so its
 * longer side fills 20/28 of the image (box-averaged, so strokes stay smooth), and moved so its
 * centre of mass sits at the centre — how the MNIST digits were prepared (LeCun et al.).
 * `ink` is [size × size] intensities in [0, 1]; the result is [height × width] in [0, 1].
 */
export function drawingToImage(
  ink: ArrayLike<number>,
  size: number,
  height: number,
  width: number,
): Float32Array {
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (ink[y * size + x] <= INK) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const out = new Float32Array(height * width);
  if (x1 < 0) return out;
  const f = (FILL * Math.min(height, width)) / Math.max(x1 - x0 + 1, y1 - y0 + 1);
  // Box resampling: each source pixel adds its ink, scaled by its area in the target.
  const placed = new Float64Array(height * width);
  const offX = (width - (x1 - x0 + 1) * f) / 2;
  const offY = (height - (y1 - y0 + 1) * f) / 2;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const v = ink[y * size + x];
      if (v <= 0) continue;
      const tx = Math.floor((x - x0 + 0.5) * f + offX);
      const ty = Math.floor((y - y0 + 0.5) * f + offY);
      if (tx >= 0 && tx < width && ty >= 0 && ty < height) placed[ty * width + tx] += v * f * f;
    }
  }
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.min(1, placed[y * width + x]);
      placed[y * width + x] = v;
      mass += v;
      cx += v * x;
      cy += v * y;
    }
  }
  const dx = Math.round((width - 1) / 2 - cx / mass);
  const dy = Math.round((height - 1) / 2 - cy / mass);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < width && sy >= 0 && sy < height)
        out[y * width + x] = placed[sy * width + sx];
    }
  }
  return out;
}
