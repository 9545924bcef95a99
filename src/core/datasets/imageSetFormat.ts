import { gunzipSync } from 'fflate';

/**
 * Compact labelled image set, gzip-compressed (written by scripts/build-mnist.mjs):
 *   bytes 0–3  "MPIM"      4  version (1)     5  channels
 *   6–7  height (u16 LE)   8–9  width (u16 LE)  10–13  count (u32 LE)  14–15  classes (u16 LE)
 *   then count label bytes, then count×height×width×channels pixel bytes (row-major, HWC).
 */
export interface ImageSet {
  height: number;
  width: number;
  channels: number;
  classes: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

const MAGIC = [0x4d, 0x50, 0x49, 0x4d];
const HEADER_BYTES = 16;
/** Upper bound on the unpacked size, so a hostile file cannot exhaust memory. */
export const MAX_IMAGE_SET_BYTES = 256 * 1024 * 1024;

export type ImageSetResult = { ok: true; set: ImageSet } | { ok: false; error: string };

export function parseImageSet(packed: Uint8Array, fileName: string): ImageSetResult {
  const fail = (error: string): ImageSetResult => ({ ok: false, error: `${fileName}: ${error}` });
  if (packed.length < 18 || packed[0] !== 0x1f || packed[1] !== 0x8b) {
    return fail('not a gzip-compressed image set.');
  }
  // gzip stores the unpacked size mod 2^32 in its last 4 bytes: refuse before inflating.
  const tail = new DataView(packed.buffer, packed.byteOffset + packed.length - 4, 4).getUint32(
    0,
    true,
  );
  if (tail > MAX_IMAGE_SET_BYTES) return fail(`unpacks to ${tail} bytes, over the limit.`);
  let raw: Uint8Array;
  try {
    raw = gunzipSync(packed);
  } catch (e) {
    return fail(`corrupt compressed data (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (raw.length < HEADER_BYTES || MAGIC.some((b, i) => raw[i] !== b)) {
    return fail('wrong magic bytes: expected an "MPIM" image set.');
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = view.getUint8(4);
  if (version !== 1) return fail(`unsupported version ${version}.`);
  const channels = view.getUint8(5);
  const height = view.getUint16(6, true);
  const width = view.getUint16(8, true);
  const count = view.getUint32(10, true);
  const classes = view.getUint16(14, true);
  const pixelCount = count * height * width * channels;
  const expected = HEADER_BYTES + count + pixelCount;
  if (channels < 1 || height < 1 || width < 1 || classes < 1)
    return fail('empty dimensions in header.');
  if (raw.length !== expected) {
    return fail(
      `expected ${expected} bytes for ${count} images of ${height}×${width}×${channels}, found ${raw.length}.`,
    );
  }
  const labels = raw.subarray(HEADER_BYTES, HEADER_BYTES + count);
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0)
    return fail(`image ${bad} has label ${labels[bad]}, but there are ${classes} classes.`);
  return {
    ok: true,
    set: { height, width, channels, classes, labels, pixels: raw.subarray(HEADER_BYTES + count) },
  };
}
