import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, quantisationError, type WeightSet } from './weightsCodec';

const shapes = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 }), {
  minLength: 1,
  maxLength: 5,
});
const weightSets = fc
  .tuple(shapes, fc.integer({ min: 0, max: 1e6 }), fc.integer())
  .map(([list, step, seed]): WeightSet => {
    let state = seed >>> 0 || 1;
    const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 4;
    return {
      step,
      tensors: list.map((shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        return { shape, values: Float32Array.from({ length: size }, next) };
      }),
    };
  });

describe('weights codec', () => {
  it('keeps float32 weights bit for bit', () => {
    fc.assert(
      fc.property(weightSets, (set) => {
        const decoded = decodeWeights(encodeWeights(set, 'float32'));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        expect(decoded.value.step).toBe(set.step);
        expect(decoded.value.tensors.map((t) => t.shape)).toEqual(set.tensors.map((t) => t.shape));
        decoded.value.tensors.forEach((t, i) => expect(t.values).toEqual(set.tensors[i].values));
      }),
    );
  });

  it('keeps quantised weights within half a quantisation step of the originals', () => {
    fc.assert(
      fc.property(weightSets, (set) => {
        const decoded = decodeWeights(encodeWeights(set, 'uint8'));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        decoded.value.tensors.forEach((t, i) => {
          const original = set.tensors[i].values;
          const bound = quantisationError(original) * (1 + 1e-5) + 1e-6;
          original.forEach((v, j) => expect(Math.abs(t.values[j] - v)).toBeLessThanOrEqual(bound));
        });
      }),
    );
  });

  it('is about a quarter of the size when quantised', () => {
    const values = Float32Array.from({ length: 50_000 }, (_, i) => Math.sin(i * 12.9898) * 0.1);
    const set = { step: 3, tensors: [{ shape: [50_000], values }] };
    const ratio = encodeWeights(set, 'uint8').length / encodeWeights(set, 'float32').length;
    expect(ratio).toBeLessThan(0.3);
  });

  it('refuses truncated or altered data with a sentence, never a throw', () => {
    const set: WeightSet = {
      step: 7,
      tensors: [
        { shape: [20, 10], values: new Float32Array(200).fill(0.5) },
        { shape: [10], values: new Float32Array(10).fill(-1) },
      ],
    };
    for (const encoding of ['float32', 'uint8'] as const) {
      const good = encodeWeights(set, encoding);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: good.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          fc.boolean(),
          (at, flip, truncate) => {
            const bad = truncate ? good.slice(0, at) : good.slice();
            if (!truncate) bad[at] ^= flip;
            const decoded = decodeWeights(bad);
            // A flipped bit may still decode (deflate has no checksum): then the shapes must hold.
            if (decoded.ok) {
              decoded.value.tensors.forEach((t) =>
                expect(t.values.length).toBe(t.shape.reduce((a, b) => a * b, 1)),
              );
            } else expect(decoded.message).toMatch(/\w{3,}/);
          },
        ),
      );
    }
  });

  it('refuses data that claims more weights than allowed, before allocating them', () => {
    const header = new Uint8Array(12 + 1 + 8);
    header.set([0x4d, 0x54, 0x57, 0x31, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    const view = new DataView(header.buffer);
    view.setUint32(13, 1 << 20, true);
    view.setUint32(17, 1 << 20, true);
    const decoded = decodeWeights(deflateSync(header));
    expect(decoded).toEqual({ ok: false, message: expect.stringMatching(/impossible shape|over/) });
    // A deflate bomb: 100 MB of zeros in about 100 kB.
    const bomb = deflateSync(new Uint8Array(100 * 1024 * 1024));
    expect(decodeWeights(bomb, 1000)).toEqual({
      ok: false,
      message: expect.stringMatching(/unpacks to over/),
    });
  });

  it('refuses the wrong header, an unknown encoding and non-finite values', () => {
    expect(
      decodeWeights(deflateSync(new TextEncoder().encode('hello world, not weights'))),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/wrong header/) });
    const raw = new Uint8Array(12 + 5 + 4);
    raw.set([0x4d, 0x54, 0x57, 0x31, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    new DataView(raw.buffer).setUint32(13, 1, true);
    new DataView(raw.buffer).setFloat32(17, Number.NaN, true);
    expect(decodeWeights(deflateSync(raw))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not finite/),
    });
    raw[4] = 9;
    expect(decodeWeights(deflateSync(raw))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/encoding 9 is unknown/),
    });
  });

  it('refuses random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const decoded = decodeWeights(bytes);
        if (!decoded.ok) expect(decoded.message.length).toBeGreaterThan(5);
      }),
    );
  });
});
