import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RUN } from '../runs/sampleRun';
import { BUNDLE_FORMAT, describeBundle, readBundle, writeBundle, type Bundle } from './bundle';
import { encodeWeights } from './weightsCodec';

const bundle = (): Bundle => ({
  manifest: {
    format: BUNDLE_FORMAT,
    version: 1,
    createdAt: '2026-12-03T10:00:00.000Z',
    title: 'Reviews',
    setup: 'preset=hps&epochs=2',
    dataset: {
      kind: 'file',
      id: 'import:reviews.csv',
      file: 'reviews.csv',
      included: true,
      choice: {
        textColumn: 'text',
        labels: ['sentiment'],
        pipeline: { level: 'word', lowercase: true, maxLength: 64, vocabSize: 2000 },
      },
    },
    weights: { step: 10, run: 'Run 1' },
    tasks: ['sentiment'],
  },
  runs: [SAMPLE_RUN],
  weights: encodeWeights(
    { step: 10, tensors: [{ shape: [2], values: Float32Array.of(1, 2) }] },
    'float32',
  ),
  data: strToU8('text,sentiment\ngood,pos\nbad,neg\n'),
});

describe('project bundles', () => {
  it('round-trip the manifest, runs, weights and included data', () => {
    const read = readBundle(writeBundle(bundle()));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.bundle).toEqual(bundle());
    expect(describeBundle(read.bundle)).toBe(
      'Reviews (data file reviews.csv included) · 1 task: sentiment · trained weights (step 10, Run 1) · 1 saved run',
    );
  });

  it('say which part is wrong', () => {
    const zip = (files: Record<string, unknown>) =>
      zipSync(
        Object.fromEntries(
          Object.entries(files).map(([k, v]) => [
            k,
            typeof v === 'string' ? strToU8(v) : strToU8(JSON.stringify(v)),
          ]),
        ),
      );
    const good = bundle();
    expect(readBundle(strToU8('not a zip'))).toEqual({
      ok: false,
      message: 'it is not a ZIP file',
    });
    expect(readBundle(zip({ 'runs.json': [] }))).toMatchObject({
      message: expect.stringMatching(/not a Multitask Playground bundle: bundle.json is missing/),
    });
    expect(readBundle(zip({ 'bundle.json': '{', 'runs.json': [] }))).toMatchObject({
      message: expect.stringMatching(/bundle.json is not valid JSON/),
    });
    expect(
      readBundle(zip({ 'bundle.json': { ...good.manifest, version: 99 }, 'runs.json': [] })),
    ).toMatchObject({ message: expect.stringMatching(/^bundle.json: version/) });
    expect(
      readBundle(
        zip({
          'bundle.json': { ...good.manifest, weights: null },
          'runs.json': [{ ...SAMPLE_RUN, points: [{ step: -1 }] }],
          'data/reviews.csv': 'x',
        }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/^runs.json, run 1: points.0/) });
    expect(
      readBundle(zip({ 'bundle.json': good.manifest, 'runs.json': [], 'data/reviews.csv': 'x' })),
    ).toMatchObject({ message: 'weights.bin is missing' });
    const hostile = {
      ...good.manifest,
      dataset: { ...good.manifest.dataset, file: '../../etc/passwd' },
    };
    expect(readBundle(zip({ 'bundle.json': hostile, 'runs.json': [] }))).toMatchObject({
      message: expect.stringMatching(/dataset.file: is not a plain file name/),
    });
    // zod drops a `__proto__` key (it never reaches a prototype); `constructor` is refused.
    const noWeights = { ...good.manifest, weights: null };
    const withKey = (key: string) =>
      zip({
        'bundle.json': noWeights,
        'runs.json': `[${JSON.stringify(SAMPLE_RUN).replace('"digit":{"loss":2.3', `"${key}":{"loss":2.3`)}]`,
        'data/reviews.csv': 'x',
      });
    const proto = readBundle(withKey('__proto__'));
    expect(proto.ok && Object.keys(proto.bundle.runs[0].points[0].tasks)).toEqual([]);
    expect(proto.ok && Object.getPrototypeOf(proto.bundle.runs[0].points[0].tasks)).toBe(
      Object.prototype,
    );
    expect(readBundle(withKey('constructor'))).toMatchObject({
      message: expect.stringMatching(/points.0.tasks.constructor: Invalid key/),
    });
  });

  it('refuse zip bombs before unpacking them', () => {
    // A small file whose directory entry claims 500 MB unpacked.
    const zip = zipSync({ 'bundle.json': strToU8('{}') });
    const view = new DataView(zip.buffer);
    for (let at = 0; at < zip.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 500 * 1024 * 1024, true);
    }
    expect(readBundle(zip)).toMatchObject({
      message: expect.stringMatching(/unpacks to over 400 MB/),
    });
  });

  it('never throw on mutated bundles', () => {
    const good = writeBundle(bundle());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          const bad = good.slice();
          bad[at] ^= flip;
          const read = readBundle(bad);
          if (!read.ok) expect(read.message.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 200 },
    );
  });
});
