import { z } from 'zod';
import { MODEL_SPEC_VERSION, type ModelSpec } from './types';

// Structural checks for specs that come from outside (files, links, storage). Sizes are capped
// so a hostile spec cannot ask for a model that freezes the tab.
const MAX_UNITS = 4096;
const count = (max: number) => z.number().int().min(1).max(max);
const activation = z.enum(['linear', 'relu', 'elu', 'tanh', 'sigmoid', 'swish']);
const padding = z.enum(['same', 'valid']);

export const layerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dense'), units: count(MAX_UNITS), activation }),
  z.object({
    type: z.literal('conv2d'),
    filters: count(512),
    kernelSize: count(15),
    strides: count(8),
    padding,
    activation,
  }),
  z.object({ type: z.literal('maxPool2d'), poolSize: count(8), strides: count(8) }),
  z.object({ type: z.literal('flatten') }),
  z.object({ type: z.literal('dropout'), rate: z.number().min(0).max(0.95) }),
  z.object({ type: z.literal('embedding'), outputDim: count(1024) }),
  z.object({
    type: z.literal('conv1d'),
    filters: count(1024),
    kernelSize: count(31),
    strides: count(8),
    padding,
    activation,
  }),
  z.object({
    type: z.literal('gru'),
    units: count(1024),
    bidirectional: z.boolean(),
    returnSequences: z.boolean(),
  }),
  z.object({ type: z.literal('globalPool'), mode: z.enum(['average', 'max']) }),
  z.object({ type: z.literal('layerNorm') }),
]);

const layers = z.array(layerSchema).max(32);
const name = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'names are lower-case letters, digits, _');

const lossSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('crossEntropy') }),
  z.object({
    type: z.literal('focal'),
    gamma: z.number().min(0).max(10),
    alpha: z.number().min(0).max(1),
  }),
  z.object({
    type: z.literal('weightedFocal'),
    gamma: z.number().min(0).max(10),
    classWeights: z.union([
      z.literal('inverseFrequency'),
      z.array(z.number().min(0).max(1e4)).max(MAX_UNITS),
    ]),
  }),
  z.object({ type: z.literal('dice') }),
  z.object({ type: z.literal('binaryCrossEntropy') }),
  z.object({ type: z.literal('mse') }),
]);

export const taskKindSchema = z.enum([
  'classification',
  'sequenceLabeling',
  'regression',
  'reconstruction',
]);

/** zod's issues as sentences that name the field path (`heads.0.weight: …`). */
export function describeIssues(error: z.ZodError, root: string): string[] {
  return error.issues.map((i) => `${i.path.join('.') || root}: ${plainIssue(i.message)}`);
}

/** Zod's wording, as a sentence for people: "missing (a number is needed)", not "received undefined". */
function plainIssue(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing)
    return `missing (${missing[1] === 'array' ? 'a list' : `a ${missing[1]}`} is needed)`;
  return message.replace(/^Invalid (input|option): /, '');
}

export const modelSpecSchema = z.object({
  version: z.literal(MODEL_SPEC_VERSION),
  input: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('image'),
      height: count(256),
      width: count(256),
      channels: count(4),
    }),
    z.object({ kind: z.literal('tokens'), vocabSize: count(100_000), maxLength: count(512) }),
  ]),
  trunk: layers,
  experts: z.array(z.object({ id: name, count: count(16), layers })).max(17),
  heads: z
    .array(
      z.object({
        task: name,
        kind: taskKindSchema,
        units: z.number().int().min(0).max(MAX_UNITS),
        layers,
        loss: lossSchema,
        weight: z.number().min(0).max(1000),
        temperature: z.number().positive().max(100),
        gate: z
          .object({
            groups: z.array(name).min(1).max(17),
            temperature: z.number().positive().max(100),
          })
          .optional(),
      }),
    )
    .min(1)
    .max(16),
});

export type SpecParseResult = { ok: true; spec: ModelSpec } | { ok: false; errors: string[] };

/** Reads a spec from untrusted JSON; each error names the field path, e.g. `heads.0.weight`. */
export function parseModelSpec(json: unknown): SpecParseResult {
  const result = modelSpecSchema.safeParse(json);
  if (result.success) return { ok: true, spec: result.data as ModelSpec };
  return {
    ok: false,
    errors: describeIssues(result.error, '(spec)'),
  };
}
