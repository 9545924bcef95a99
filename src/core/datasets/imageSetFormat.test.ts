import { gzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mnistTaskLabels } from './catalog';
import { parseImageSet } from './imageSetFormat';

/** Builds a file in the documented layout (independently of the build script). */
function imageSetFile(
  labels: number[],
  side: number,
  classes: number,
  pixelsFor = (i: number) => i % 256,
): Uint8Array {
  const header = [
    0x4d,
    0x50,
    0x49,
    0x4d,
    1,
    1,
    side,
    0,
    side,
    0,
    labels.length,
    0,
    0,
    0,
    classes,
    0,
  ];
  const pixels = Array.from({ length: labels.length * side * side }, (_, i) => pixelsFor(i));
  return gzipSync(new Uint8Array([...header, ...labels, ...pixels]));
}

describe('image set files', () => {
  it('reads labels and pixels back', () => {
    const parsed = parseImageSet(imageSetFile([3, 1], 2, 4), 'tiny.bin');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.set.labels]).toEqual([3, 1]);
    expect([...parsed.set.pixels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parsed.set.height).toBe(2);
  });

  it('refuses broken files with a message naming the file', () => {
    const good = imageSetFile([0, 1], 2, 2);
    expect(parseImageSet(new Uint8Array([1, 2, 3]), 'x.bin')).toEqual({
      ok: false,
      error: 'x.bin: not a gzip-compressed image set.',
    });
    expect(
      parseImageSet(gzipSync(new TextEncoder().encode('hello world, not an image set')), 'x.bin'),
    ).toEqual({
      ok: false,
      error: 'x.bin: wrong magic bytes: expected an "MPIM" image set.',
    });
    const truncated = good.slice(0, good.length - 6);
    expect(parseImageSet(truncated, 'x.bin').ok).toBe(false);
    const badLabel = parseImageSet(imageSetFile([0, 5], 2, 2), 'x.bin');
    expect(badLabel).toEqual({
      ok: false,
      error: 'x.bin: image 1 has label 5, but there are 2 classes.',
    });
    const short = imageSetFile([0, 1], 2, 2);
    const raw = new Uint8Array([
      0x4d, 0x50, 0x49, 0x4d, 1, 1, 2, 0, 2, 0, 2, 0, 0, 0, 2, 0, 0, 1, 9,
    ]);
    expect(parseImageSet(gzipSync(raw), 'x.bin')).toEqual({
      ok: false,
      error: 'x.bin: expected 26 bytes for 2 images of 2×2×1, found 19.',
    });
    expect(short.length).toBeGreaterThan(0);
  });

  it('the committed MNIST file holds the 10,000 digits with the documented class counts', () => {
    const parsed = parseImageSet(
      new Uint8Array(readFileSync('public/data/mnist.bin')),
      'mnist.bin',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const counts = new Array(10).fill(0);
    for (const l of parsed.set.labels) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(parsed.set.pixels.length).toBe(10_000 * 28 * 28);
    const tasks = mnistTaskLabels(parsed.set.labels);
    const odd = tasks.parity.reduce((a, b) => a + b, 0);
    expect(odd).toBe(1127 + 1032 + 863 + 1070 + 978);
  });
});
