import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { BUILTIN_IDS } from '../datasets/catalog';
import type { ImportChoice } from '../datasets/importFile';
import { parseRunRecord, safeKey } from '../runs/runSchema';
import { describeIssues } from '../spec/schema';
import type { RunRecord } from '../runs/runRecord';
import { formatBytes } from './inflateCapped';

/**
 * A project bundle: one ZIP with everything needed to pick the work up elsewhere.
 *   bundle.json   what is inside (BundleManifest)
 *   runs.json     the run history (RunRecord[])
 *   weights.bin   the model's weights (weightsCodec, float32), when it was trained
 *   data/<file>   the imported dataset, when the user chose to include it
 */
export const BUNDLE_FORMAT = 'multitask-playground-bundle';
export const BUNDLE_VERSION = 1;
/** Bundles over this are refused before they are unpacked. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
const MAX_UNPACKED = 400 * 1024 * 1024;
const MAX_JSON_BYTES = 32 * 1024 * 1024;
const MAX_RUNS = 200;

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\]/.test(n) && n !== '..' && n !== '.', 'is not a plain file name');

export const importChoiceSchema = z.object({
  textColumn: z.string().max(200).optional(),
  labels: z.array(z.string().max(200)).max(64),
  pipeline: z.object({
    level: z.enum(['word', 'char']),
    lowercase: z.boolean(),
    maxLength: z.number().int().min(1).max(512),
    vocabSize: z.number().int().min(3).max(100_000),
  }),
  image: z
    .object({
      size: z.number().int().min(4).max(256),
      channels: z.union([z.literal(1), z.literal(3)]),
    })
    .optional(),
});

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  createdAt: z.string().max(40),
  /** The dataset's name, for the "what is inside" summary. */
  title: z.string().max(300),
  /** The setup as a link hash (model, settings, weighting): parseSetup reads it. */
  setup: z.string().max(8192),
  dataset: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('builtin'), id: z.enum(BUILTIN_IDS as [string, ...string[]]) }),
    z.object({
      kind: z.literal('file'),
      /** The imported dataset's id, `import:<file>`. */
      id: z.string().max(300),
      file: fileName,
      /** The file is in the bundle (data/<file>); otherwise it must be imported again. */
      included: z.boolean(),
      choice: importChoiceSchema,
    }),
  ]),
  weights: z
    .object({ step: z.number().int().min(0), run: z.string().max(200).nullable() })
    .nullable(),
  /** Loss-weight keys and the like are task ids: reserved names are refused. */
  tasks: z.array(safeKey).max(16),
});

export type BundleManifest = z.infer<typeof manifestSchema> & {
  dataset: BundleDataset;
};
export type BundleDataset =
  | { kind: 'builtin'; id: string }
  | { kind: 'file'; id: string; file: string; included: boolean; choice: ImportChoice };

export interface Bundle {
  manifest: BundleManifest;
  runs: RunRecord[];
  /** weightsCodec bytes, when the manifest lists weights. */
  weights: Uint8Array | null;
  /** The dataset file's bytes, when included. */
  data: Uint8Array | null;
}

export function writeBundle(bundle: Bundle): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'bundle.json': strToU8(JSON.stringify(bundle.manifest, null, 2)),
    'runs.json': strToU8(JSON.stringify(bundle.runs)),
  };
  if (bundle.weights) files['weights.bin'] = bundle.weights;
  const dataset = bundle.manifest.dataset;
  if (dataset.kind === 'file' && dataset.included && bundle.data) {
    files[`data/${dataset.file}`] = bundle.data;
  }
  // The JSON files shrink several-fold; weights and binary data files barely do.
  return zipSync(files, { level: 6 });
}

export type BundleRead = { ok: true; bundle: Bundle } | { ok: false; message: string };

/** Reads a bundle from outside: every part is checked before anything is used. Never throws. */
export function readBundle(bytes: Uint8Array): BundleRead {
  const fail = (message: string): BundleRead => ({ ok: false, message });
  if (bytes.length > MAX_BUNDLE_BYTES) {
    return fail(
      `it is ${formatBytes(bytes.length)}; bundles of up to ${formatBytes(MAX_BUNDLE_BYTES)} open`,
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail('it is not a ZIP file');
  }
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNPACKED) throw new RangeError('too large');
        return (
          f.name === 'bundle.json' ||
          f.name === 'runs.json' ||
          f.name === 'weights.bin' ||
          f.name.startsWith('data/')
        );
      },
    });
  } catch (e) {
    return fail(
      e instanceof RangeError
        ? `it unpacks to over ${formatBytes(MAX_UNPACKED)}`
        : 'it is not a readable ZIP file (cut short or altered)',
    );
  }
  const json = (name: string): { ok: true; value: unknown } | { ok: false; message: string } => {
    const entry = entries[name];
    if (!entry) return { ok: false, message: `${name} is missing` };
    if (entry.length > MAX_JSON_BYTES) return { ok: false, message: `${name} is too large` };
    try {
      return { ok: true, value: JSON.parse(strFromU8(entry)) };
    } catch {
      return { ok: false, message: `${name} is not valid JSON` };
    }
  };
  const manifestJson = json('bundle.json');
  if (!manifestJson.ok)
    return fail(`it is not a Multitask Playground bundle: ${manifestJson.message}`);
  const parsed = manifestSchema.safeParse(manifestJson.value);
  if (!parsed.success)
    return fail(`bundle.json: ${describeIssues(parsed.error, '(top)').slice(0, 3).join('; ')}`);
  const manifest = parsed.data as BundleManifest;

  const runsJson = json('runs.json');
  if (!runsJson.ok) return fail(runsJson.message);
  if (!Array.isArray(runsJson.value)) return fail('runs.json: is not a list of runs');
  if (runsJson.value.length > MAX_RUNS) return fail(`runs.json: over ${MAX_RUNS} runs`);
  const runs: RunRecord[] = [];
  for (const [i, value] of runsJson.value.entries()) {
    const run = parseRunRecord(value);
    if (!run.ok) return fail(`runs.json, run ${i + 1}: ${run.errors.slice(0, 3).join('; ')}`);
    runs.push(run.run);
  }

  const weights = entries['weights.bin'] ?? null;
  if (manifest.weights && !weights) return fail('weights.bin is missing');
  const dataset = manifest.dataset;
  let data: Uint8Array | null = null;
  if (dataset.kind === 'file' && dataset.included) {
    data = entries[`data/${dataset.file}`] ?? null;
    if (!data) return fail(`data/${dataset.file} is missing`);
  }
  return { ok: true, bundle: { manifest, runs, weights: manifest.weights ? weights : null, data } };
}

/** What a bundle holds, in a line for the "open this bundle?" question. */
export function describeBundle(bundle: Bundle): string {
  const m = bundle.manifest;
  const parts = [
    `${m.title} (${m.dataset.kind === 'builtin' ? 'built-in dataset' : m.dataset.included ? `data file ${m.dataset.file} included` : `data file ${m.dataset.file} not included`})`,
    `${m.tasks.length} task${m.tasks.length === 1 ? '' : 's'}: ${m.tasks.join(', ')}`,
    m.weights
      ? `trained weights (step ${m.weights.step.toLocaleString('en')}${m.weights.run ? `, ${m.weights.run}` : ''})`
      : 'no trained weights',
    `${bundle.runs.length} saved run${bundle.runs.length === 1 ? '' : 's'}`,
  ];
  return parts.join(' · ');
}
