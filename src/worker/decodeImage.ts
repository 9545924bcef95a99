/**
 * Decodes an image file (PNG, JPEG, GIF, BMP, WebP) with the browser's decoder and scales it to
 * a size×size square: grey (luminance, ITU-R BT.601) or RGB, transparency over black.
 * Rejects when the bytes are not an image the browser can read.
 */
export async function decodeImage(
  bytes: Uint8Array,
  size: number,
  channels: 1 | 3,
): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]));
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas in this browser');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, size, size);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, size, size).data;
  const out = new Uint8Array(size * size * channels);
  for (let i = 0; i < size * size; i++) {
    const a = rgba[i * 4 + 3] / 255;
    const r = rgba[i * 4] * a;
    const g = rgba[i * 4 + 1] * a;
    const b = rgba[i * 4 + 2] * a;
    if (channels === 1) out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else out.set([Math.round(r), Math.round(g), Math.round(b)], i * 3);
  }
  return out;
}
