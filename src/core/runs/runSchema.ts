import { z } from 'zod';
import { describeIssues, modelSpecSchema, taskKindSchema } from '../spec/schema';
import { PRESETS } from '../spec/presets';
import { LIMITS } from '../training/config';
import { STRATEGY_IDS } from '../weighting/strategies';
import type { RunRecord } from './runRecord';

// Run histories that come from outside (bundles, storage). Everything is capped, every number is
// finite (zod's number), and record keys that would reach an object's prototype are refused.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const safeKey = z
  .string()
  .min(1)
  .max(100)
  .refine((k) => !FORBIDDEN_KEYS.has(k), 'is a reserved name');
const text = (max: number) => z.string().max(max);
const within = (limit: { min: number; max: number; integer: boolean }) => {
  const n = z.number().min(limit.min).max(limit.max);
  return limit.integer ? n.int() : n;
};

const trainSchema = z.object({
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']),
  learningRate: within(LIMITS.learningRate),
  batchSize: within(LIMITS.batchSize),
  epochs: within(LIMITS.epochs),
  seed: within(LIMITS.seed),
  validationFraction: within(LIMITS.validationFraction),
  testFraction: within(LIMITS.testFraction),
  // Runs saved before clipping existed did not clip.
  clipNorm: within(LIMITS.clipNorm).default(0),
});

const stepValues = z.object({
  loss: z.number(),
  metric: z.number(),
  weight: z.number().optional(),
  gradNorm: z.number().optional(),
});

const pointSchema = z.object({
  step: z.number().int().min(0),
  epoch: z.number().min(0),
  totalLoss: z.number(),
  learningRate: z.number().optional(),
  tasks: z.record(safeKey, stepValues),
  gradCosine: z
    .array(z.object({ a: safeKey, b: safeKey, cosine: z.number().min(-1.0001).max(1.0001) }))
    .max(200)
    .optional(),
});

const epochSchema = z.object({
  epoch: z.number().int().min(0).max(100_000),
  split: z.enum(['train', 'validation', 'test']),
  tasks: z.record(
    safeKey,
    z.object({
      loss: z.number(),
      metricName: text(40),
      // NaN where nothing counted (no example of any class): stored as it is, never ±∞.
      metric: z.number().or(z.nan()),
      macroF1: z.number().or(z.nan()).optional(),
    }),
  ),
});

const strategy = z.enum(STRATEGY_IDS as [string, ...string[]]);
const pair = <T extends z.ZodType>(t: T) => z.tuple([t, t]);

export const runRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  name: text(200),
  createdAt: z.number().min(0),
  durationMs: z.number().min(0),
  datasetId: text(300),
  datasetName: text(300),
  preset: z.enum(PRESETS.map((p) => p.id) as [string, ...string[]]),
  custom: z.boolean(),
  strategy,
  strategies: z
    .array(z.object({ strategy, step: z.number().int().min(0) }))
    .max(1000)
    .optional(),
  role: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('manual') }),
      z.object({ kind: z.literal('baseline'), task: safeKey }),
      z.object({
        kind: z.literal('sweep'),
        tasks: pair(safeKey),
        weights: pair(z.number().min(0).max(1000)),
      }),
    ])
    .optional(),
  hash: text(8192),
  spec: modelSpecSchema,
  train: trainSchema,
  tasks: z
    .array(
      z.object({
        id: safeKey,
        label: text(200),
        kind: taskKindSchema,
      }),
    )
    .max(16),
  points: z.array(pointSchema).max(5000),
  epochs: z.array(epochSchema).max(3000),
  steps: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  finished: z.boolean(),
  hasWeights: z.boolean(),
});

export type RunParse = { ok: true; run: RunRecord } | { ok: false; errors: string[] };

/** A run record from outside, checked field by field; errors name the path (`points.3.step`). */
export function parseRunRecord(json: unknown): RunParse {
  const result = runRecordSchema.safeParse(json);
  if (result.success) return { ok: true, run: result.data as RunRecord };
  return {
    ok: false,
    errors: describeIssues(result.error, '(run)'),
  };
}
