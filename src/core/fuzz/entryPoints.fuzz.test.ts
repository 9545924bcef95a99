import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { describeParseError, type Parsed } from '../datasets/parseError';
import { buildImport, inspectFile } from '../datasets/importFile';
import { parseRunRecord } from '../runs/runSchema';
import { SAMPLE_RUN } from '../runs/sampleRun';
import { BUNDLE_FORMAT, readBundle, writeBundle } from '../share/bundle';
import { openLink, shareHash } from '../share/shareLink';
import { decodeWeights, encodeWeights } from '../share/weightsCodec';
import { encodeModel, decodeModel } from '../spec/modelLink';
import { buildPreset } from '../spec/presets';
import { parseModelSpec } from '../spec/schema';
import { defaultSetup, parseSetup, serializeSetup } from '../urlState';
import { isReadable, mutatedBytes, mutatedText } from './mutate';

/**
 * Every entry point that takes data from outside, driven with random and with damaged-valid
 * inputs: none may throw, hang, or refuse without a readable sentence. Fixed seeds, so a failure
 * reproduces; the counts are the figures the README reports.
 */
export const FUZZ_RUNS = { random: 1000, mutated: 1000, archive: 250 } as const;
/** A call that takes longer than this is a hang (a generous bound: the machine is shared). */
const BOUND_MS = 3000;
const SEED = 20261203;

function timed<T>(call: () => T): T {
  const started = performance.now();
  const result = call();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return result;
}

const expectParsed = (result: Parsed<unknown>) => {
  if (!result.ok) expect(isReadable(describeParseError(result.error))).toBe(true);
};

const run = <T>(arb: fc.Arbitrary<T>, numRuns: number, check: (input: T) => void) =>
  fc.assert(fc.property(arb, check), { numRuns, seed: SEED });

/** Damaged JSON text that still parses goes on to `check` (the rest the app refuses as JSON). */
const ifJson = (check: (value: unknown) => void) => (text: string) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  check(value);
};

const fixture = (path: string, bytes?: number) => {
  const all = new Uint8Array(readFileSync(path));
  return bytes === undefined ? all : all.subarray(0, bytes);
};
const csv = fixture('e2e/fixtures/brown-sentences.csv', 4000);
const conllu = fixture('e2e/fixtures/brown-tagged.conllu', 6000);
const zip = fixture('e2e/fixtures/fashion-labels.zip');
const columns = strToU8(
  'EU B-ORG\nrejects O\nGerman B-MISC\ncall O\n\nPeter B-PER\nBlackburn I-PER\n',
);
const jsonl = strToU8(
  Array.from({ length: 12 }, (_, i) =>
    JSON.stringify({ text: `row ${i} text`, label: i % 3 }),
  ).join('\n'),
);

const spec = buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS);
const setup = { ...defaultSetup(), model: spec };
const weights = encodeWeights(
  { step: 12, tensors: [{ shape: [2, 3], values: Float32Array.of(1, -2, 3, 0.5, 0, 9) }] },
  'uint8',
);
const bundle = writeBundle({
  manifest: {
    format: BUNDLE_FORMAT,
    version: 1,
    createdAt: '2026-12-03T10:00:00.000Z',
    title: 'Digits',
    setup: serializeSetup(setup),
    dataset: { kind: 'builtin', id: 'mnist' },
    weights: { step: 12, run: 'Run 1' },
    tasks: ['digit', 'parity', 'high'],
  },
  runs: [SAMPLE_RUN],
  weights: encodeWeights(
    { step: 12, tensors: [{ shape: [2], values: Float32Array.of(1, 2) }] },
    'float32',
  ),
  data: null,
});

const FILES: [string, Uint8Array][] = [
  ['reviews.csv', csv],
  ['reviews.tsv', csv],
  ['tagged.conllu', conllu],
  ['ner.txt', columns],
  ['rows.jsonl', jsonl],
  ['rows.json', strToU8(`[${new TextDecoder().decode(jsonl).split('\n').join(',')}]`)],
];

describe('fuzzing every entry point that reads outside data', () => {
  for (const [name, valid] of FILES) {
    it(`dataset file ${name}: random and damaged bytes`, () => {
      run(fc.uint8Array({ maxLength: 2000 }), FUZZ_RUNS.random, (bytes) =>
        expectParsed(timed(() => inspectFile(name, bytes))),
      );
      run(mutatedBytes(valid), FUZZ_RUNS.mutated, (bytes) =>
        expectParsed(timed(() => inspectFile(name, bytes))),
      );
    });
  }

  it('image archive (ZIP): random and damaged archives', () => {
    run(fc.uint8Array({ maxLength: 2000 }), FUZZ_RUNS.archive, (bytes) =>
      expectParsed(timed(() => inspectFile('images.zip', bytes))),
    );
    run(mutatedBytes(zip), FUZZ_RUNS.archive, (bytes) =>
      expectParsed(timed(() => inspectFile('images.zip', bytes))),
    );
  });

  it('import choices: any columns, labels and text pipeline on a damaged table', () => {
    const choice = fc.record({
      textColumn: fc.oneof(fc.constantFrom('sentence', 'genre', 'id', ''), fc.string()),
      labels: fc.array(fc.oneof(fc.constantFrom('genre', 'mode', 'id', '__proto__'), fc.string()), {
        maxLength: 4,
      }),
      pipeline: fc.record({
        level: fc.constantFrom('word' as const, 'char' as const),
        lowercase: fc.boolean(),
        maxLength: fc.integer({ min: 1, max: 256 }),
        vocabSize: fc.integer({ min: 2, max: 20_000 }),
      }),
    });
    run(fc.tuple(mutatedBytes(csv), choice), FUZZ_RUNS.mutated, ([bytes, c]) => {
      const inspected = inspectFile('reviews.csv', bytes);
      if (!inspected.ok) return;
      expectParsed(timed(() => buildImport(inspected.value, c)));
    });
  });

  it('URL state: random and damaged hashes', () => {
    const valid = serializeSetup(setup);
    const check = (hash: string) => {
      const { setup: parsed, notices } = timed(() => parseSetup(hash));
      expect(parsed.train.epochs).toBeGreaterThan(0);
      notices.forEach((n) => expect(isReadable(n)).toBe(true));
    };
    run(fc.string({ maxLength: 300 }), FUZZ_RUNS.random, check);
    run(mutatedText(valid), FUZZ_RUNS.mutated, check);
  });

  it('share links: random and damaged links with weights', () => {
    const valid = shareHash(setup, weights);
    const check = (hash: string) => {
      const opened = timed(() => openLink(hash));
      if (opened.kind === 'damaged') expect(isReadable(opened.message)).toBe(true);
    };
    run(fc.string({ maxLength: 300 }), FUZZ_RUNS.random, check);
    run(mutatedText(valid), FUZZ_RUNS.mutated, check);
  });

  it('weights codec: random and damaged weight bytes', () => {
    const check = (bytes: Uint8Array) => {
      const decoded = timed(() => decodeWeights(bytes));
      if (!decoded.ok) expect(isReadable(decoded.message)).toBe(true);
      else decoded.value.tensors.forEach((t) => expect(t.values.every(Number.isFinite)).toBe(true));
    };
    run(fc.uint8Array({ maxLength: 500 }), FUZZ_RUNS.random, check);
    run(mutatedBytes(weights), FUZZ_RUNS.mutated, check);
  });

  it('bundles: random and damaged ZIPs', () => {
    const check = (bytes: Uint8Array) => {
      const read = timed(() => readBundle(bytes));
      if (!read.ok) expect(isReadable(read.message)).toBe(true);
    };
    run(fc.uint8Array({ maxLength: 2000 }), FUZZ_RUNS.archive, check);
    run(mutatedBytes(bundle), FUZZ_RUNS.archive, check);
  });

  it('model specs: random JSON, damaged JSON and damaged model codes', () => {
    const checkSpec = (value: unknown) => {
      const parsed = timed(() => parseModelSpec(value));
      if (!parsed.ok) parsed.errors.forEach((e) => expect(isReadable(e)).toBe(true));
    };
    run(fc.jsonValue(), FUZZ_RUNS.random, checkSpec);
    run(mutatedText(JSON.stringify(spec)), FUZZ_RUNS.mutated, ifJson(checkSpec));
    run(mutatedText(encodeModel(spec)), FUZZ_RUNS.mutated, (code) => {
      const decoded = timed(() => decodeModel(code));
      if (!decoded.ok) expect(isReadable(decoded.message)).toBe(true);
    });
  });

  it('run records: random JSON and damaged records', () => {
    const check = (value: unknown) => {
      const parsed = timed(() => parseRunRecord(value));
      if (!parsed.ok) parsed.errors.forEach((e) => expect(isReadable(e)).toBe(true));
    };
    run(fc.jsonValue(), FUZZ_RUNS.random, check);
    run(mutatedText(JSON.stringify(SAMPLE_RUN)), FUZZ_RUNS.mutated, ifJson(check));
  });
});
