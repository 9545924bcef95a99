import { deflateSync } from 'fflate';
import { formatBytes, inflateCapped } from './inflateCapped';

/** One weight array of a model, in the order `model.getWeights()` lists them. */
export interface WeightTensor {
  shape: number[];
  values: Float32Array;
}

/** A model's weights after `step` training steps. */
export interface WeightSet {
  step: number;
  tensors: WeightTensor[];
}

/**
 * `float32` keeps every bit (bundles, the saved workspace); `uint8` stores each tensor as
 * min + q·scale with q in 0…255, scale = (max − min)/255, so each value is off by at most scale/2
 * (share links, where a quarter of the size is what makes a model fit in a URL).
 */
export type WeightEncoding = 'float32' | 'uint8';

const MAGIC = [0x4d, 0x54, 0x57, 0x31]; // "MTW1"
const MAX_TENSORS = 1024;
const MAX_RANK = 6;
const MAX_DIM = 1 << 24;
const MAX_STEP = 1e9;
/** 24 M weights (96 MB as float32): far above any model a browser tab trains. */
export const MAX_WEIGHT_ELEMENTS = 24 * 1024 * 1024;

/**
 * Deflated binary, little-endian: "MTW1", u8 encoding (0 float32, 1 uint8), u8 0, u16 tensor
 * count, u32 step; per tensor u8 rank and rank × u32 dims, then (uint8 only) f32 min and f32
 * scale; then every tensor's values in order.
 */
export function encodeWeights(set: WeightSet, encoding: WeightEncoding): Uint8Array {
  const quantised = encoding === 'uint8';
  const headerBytes =
    12 + set.tensors.reduce((n, t) => n + 1 + 4 * t.shape.length + (quantised ? 8 : 0), 0);
  const elements = set.tensors.reduce((n, t) => n + t.values.length, 0);
  const out = new Uint8Array(headerBytes + elements * (quantised ? 1 : 4));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint8(4, quantised ? 1 : 0);
  view.setUint16(6, set.tensors.length, true);
  view.setUint32(8, set.step, true);
  let at = 12;
  let data = headerBytes;
  for (const { shape, values } of set.tensors) {
    if (shape.reduce((a, b) => a * b, 1) !== values.length) {
      throw new Error(`A weight of shape [${shape.join(', ')}] has ${values.length} values.`);
    }
    view.setUint8(at++, shape.length);
    for (const d of shape) {
      view.setUint32(at, d, true);
      at += 4;
    }
    if (quantised) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (!Number.isFinite(v)) throw new Error('The weights hold a value that is not finite.');
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (values.length === 0) min = max = 0;
      // Rounded through float32 so the decoder's arithmetic matches the encoder's.
      const fmin = Math.fround(min);
      const scale = Math.fround((max - fmin) / 255);
      view.setFloat32(at, fmin, true);
      view.setFloat32(at + 4, scale, true);
      at += 8;
      for (const v of values) {
        out[data++] = scale > 0 ? Math.min(255, Math.max(0, Math.round((v - fmin) / scale))) : 0;
      }
    } else {
      for (const v of values) {
        view.setFloat32(data, v, true);
        data += 4;
      }
    }
  }
  return deflateSync(out, { level: quantised ? 9 : 1 });
}

export type WeightDecoding = { ok: true; value: WeightSet } | { ok: false; message: string };

/** Reads `encodeWeights`' output from outside (a link, a bundle, storage). Never throws. */
export function decodeWeights(
  compressed: Uint8Array,
  maxElements: number = MAX_WEIGHT_ELEMENTS,
): WeightDecoding {
  const fail = (message: string): WeightDecoding => ({ ok: false, message });
  const inflated = inflateCapped(compressed, 12 + maxElements * 4 + MAX_TENSORS * 33);
  if (!inflated.ok) return inflated;
  const bytes = inflated.bytes;
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail('they are not model weights (wrong header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const encoding = view.getUint8(4);
  if (encoding > 1) return fail(`their encoding ${encoding} is unknown`);
  const quantised = encoding === 1;
  const count = view.getUint16(6, true);
  if (count > MAX_TENSORS) return fail(`they list ${count} arrays (at most ${MAX_TENSORS})`);
  const step = view.getUint32(8, true);
  if (step > MAX_STEP) return fail(`their step ${step} is out of range`);

  const headers: { shape: number[]; min: number; scale: number; size: number }[] = [];
  let at = 12;
  let elements = 0;
  for (let i = 0; i < count; i++) {
    if (at + 1 > bytes.length) return fail('they are cut short');
    const rank = view.getUint8(at++);
    if (rank > MAX_RANK) return fail(`array ${i + 1} has rank ${rank} (at most ${MAX_RANK})`);
    if (at + 4 * rank + (quantised ? 8 : 0) > bytes.length) return fail('they are cut short');
    const shape: number[] = [];
    for (let d = 0; d < rank; d++, at += 4) shape.push(view.getUint32(at, true));
    if (shape.some((d) => d < 1 || d > MAX_DIM)) {
      return fail(`array ${i + 1} has an impossible shape [${shape.join(', ')}]`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    elements += size;
    if (elements > maxElements) {
      return fail(`they hold over ${maxElements.toLocaleString('en')} weights`);
    }
    let min = 0;
    let scale = 0;
    if (quantised) {
      min = view.getFloat32(at, true);
      scale = view.getFloat32(at + 4, true);
      at += 8;
      if (!Number.isFinite(min) || !Number.isFinite(scale) || scale < 0) {
        return fail(`array ${i + 1} has a range that is not finite`);
      }
    }
    headers.push({ shape, min, scale, size });
  }
  const expected = at + elements * (quantised ? 1 : 4);
  if (bytes.length !== expected) {
    return fail(
      `their data is ${formatBytes(bytes.length - at)} where the shapes need ${formatBytes(expected - at)}`,
    );
  }
  const tensors: WeightTensor[] = [];
  for (const [i, { shape, min, scale, size }] of headers.entries()) {
    const values = new Float32Array(size);
    if (quantised) {
      for (let j = 0; j < size; j++) values[j] = min + bytes[at + j] * scale;
      at += size;
    } else {
      for (let j = 0; j < size; j++, at += 4) {
        const v = view.getFloat32(at, true);
        if (!Number.isFinite(v)) return fail(`array ${i + 1} holds a value that is not finite`);
        values[j] = v;
      }
    }
    tensors.push({ shape, values });
  }
  return { ok: true, value: { step, tensors } };
}

/** The largest error quantisation can make on `values` (half a step). */
export function quantisationError(values: Float32Array): number {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length === 0 ? 0 : (max - min) / 255 / 2;
}
