import { BUILTINS, BUILTIN_IDS, isBuiltinId, type BuiltinId } from './datasets/catalog';
import { settingsOf } from './setupSpec';
import { decodeModel, encodeModel } from './spec/modelLink';
import { PRESETS, type PresetId } from './spec/presets';
import type { ModelSpec } from './spec/types';
import { RECONSTRUCTION_TASK } from './tasks';
import {
  BACKEND_ORDER,
  DEFAULT_TRAIN_CONFIG,
  LIMITS,
  OPTIMIZERS,
  describeLimit,
  withinLimit,
  type BackendChoice,
  type Limit,
  type OptimizerId,
  type TrainConfig,
} from './training/config';
import {
  DEFAULT_WEIGHTING,
  STRATEGY_IDS,
  WEIGHTING_LIMITS,
  isStrategyId,
  type WeightingConfig,
} from './weighting/strategies';

/** Panels a link can hide (`hide=dataset,tasks`), like TF Playground's `*_hide` keys. */
export const PANEL_IDS = [
  'dataset',
  'tasks',
  'weighting',
  'training',
  'builder',
  'summary',
  'runs',
  'charts',
  'insight',
  'gain',
  'pareto',
  'diagnostics',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];
const isPanelId = (text: string): text is PanelId =>
  (PANEL_IDS as readonly string[]).includes(text);

/** Everything a link reopens. The hash keys are a public interface: teachers write them by hand. */
export interface Setup {
  /** A built-in dataset id, or `import:<file>` for the user's own data (never in a link). */
  dataset: string;
  /** The preset the model started from (`preset=`). */
  preset: PresetId;
  /** A model drawn in the builder that differs from the preset (`model=`); null for the preset's. */
  model: ModelSpec | null;
  train: TrainConfig;
  backend: BackendChoice;
  /** Loss weight per task id (`w.<task>=`). */
  weights: Record<string, number>;
  /** Softmax temperature per task id (`t.<task>=`). */
  temperatures: Record<string, number>;
  /** Gate temperature per task id, for models with experts (`g.<task>=`). */
  gateTemperatures: Record<string, number>;
  /** How the task losses are combined (`strategy=`, `gradnorm.alpha=`, `cagrad.c=`). */
  weighting: WeightingConfig;
  /** Start training as soon as the page opens (`autotrain=1`). */
  autotrain: boolean;
  /** Panels left off the page (`hide=`), for a class that should see only what matters. */
  hide: PanelId[];
}

/** Defaults for a dataset; `taskIds` are its tasks (a built-in's by default). */
export function defaultSetup(dataset: string = 'mnist', taskIds?: readonly string[]): Setup {
  const tasks = (
    taskIds ?? (isBuiltinId(dataset) ? BUILTINS[dataset].tasks.map((t) => t.id) : [])
  ).map((id) => ({ id }));
  return {
    dataset,
    preset: 'hps',
    model: null,
    train: { ...DEFAULT_TRAIN_CONFIG },
    backend: 'auto',
    weights: Object.fromEntries(tasks.map((t) => [t.id, 1])),
    temperatures: Object.fromEntries(tasks.map((t) => [t.id, 1])),
    gateTemperatures: {},
    weighting: { ...DEFAULT_WEIGHTING },
    autotrain: false,
    hide: [],
  };
}

/** A dataset of the user's: its id (`import:<file>`) and task ids. */
export interface ImportedDataset {
  id: string;
  tasks: readonly string[];
}

export interface ParsedSetup {
  setup: Setup;
  /** One plain sentence per ignored or replaced value. */
  notices: string[];
}

const MAX_HASH_LENGTH = 8192;
// A Map, not an object: keys come from the link, and `constructor` or `__proto__` must not resolve.
const NUMERIC_KEYS = new Map<string, { field: keyof TrainConfig; limit: Limit }>(
  Object.entries({
    epochs: { field: 'epochs', limit: LIMITS.epochs },
    batch: { field: 'batchSize', limit: LIMITS.batchSize },
    lr: { field: 'learningRate', limit: LIMITS.learningRate },
    seed: { field: 'seed', limit: LIMITS.seed },
    val: { field: 'validationFraction', limit: LIMITS.validationFraction },
    test: { field: 'testFraction', limit: LIMITS.testFraction },
    clip: { field: 'clipNorm', limit: LIMITS.clipNorm },
  } satisfies Record<string, { field: keyof TrainConfig; limit: Limit }>),
);

const WEIGHTING_KEYS = new Map<string, 'gradNormAlpha' | 'cagradC'>([
  ['gradnorm.alpha', 'gradNormAlpha'],
  ['cagrad.c', 'cagradC'],
]);

/** Strict decimal number: rejects '', '1e', '0x10', ' 3'. */
function parseNumber(text: string): number {
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

/**
 * Reads a location hash (`#dataset=mnist&preset=hps&w.digit=2`). Never throws: unknown keys and
 * invalid values become notices and the defaults stand in for them. `imported` names the user's
 * dataset a bundle or the saved workspace was made with (links leave such datasets out).
 */
export function parseSetup(hash: string, imported?: ImportedDataset): ParsedSetup {
  const notices: string[] = [];
  let text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_HASH_LENGTH) {
    notices.push(`The link's settings are over ${MAX_HASH_LENGTH} characters and were ignored.`);
    text = '';
  }
  const params = new URLSearchParams(text);
  const datasetText = params.get('dataset');
  let dataset: BuiltinId = 'mnist';
  if (datasetText !== null) {
    if (isBuiltinId(datasetText)) dataset = datasetText;
    else
      notices.push(
        `dataset=${datasetText} is not a built-in dataset (${BUILTIN_IDS.join(', ')}); using ${dataset}.`,
      );
  }
  const setup = defaultSetup(dataset);
  if (imported && datasetText === null) {
    setup.dataset = imported.id;
    setup.weights = Object.fromEntries(imported.tasks.map((t) => [t, 1]));
    setup.temperatures = Object.fromEntries(imported.tasks.map((t) => [t, 1]));
  }
  const presetText = params.get('preset');
  if (presetText !== null) {
    if (PRESETS.some((p) => p.id === presetText)) setup.preset = presetText as PresetId;
    else
      notices.push(
        `preset=${presetText} is not one of ${PRESETS.map((p) => p.id).join(', ')}; using ${setup.preset}.`,
      );
  }
  const modelText = params.get('model');
  if (modelText !== null) {
    const decoded = decodeModel(modelText);
    if (decoded.ok) {
      setup.model = decoded.spec;
      Object.assign(setup, settingsOf(decoded.spec));
    } else
      notices.push(
        `The model in the link could not be read (${decoded.message}); using the ${setup.preset} preset.`,
      );
  }
  // Settings may name any task a head of the model predicts.
  const taskIds = setup.model
    ? setup.model.heads.map((h) => h.task)
    : [
        ...(imported && datasetText === null
          ? imported.tasks
          : BUILTINS[dataset].tasks.map((t) => t.id)),
        ...(setup.preset === 'autoencoder' ? [RECONSTRUCTION_TASK.id] : []),
      ];

  for (const [key, value] of params) {
    if (key === 'dataset' || key === 'preset' || key === 'model') continue;
    const numeric = NUMERIC_KEYS.get(key);
    if (numeric) {
      const v = withinLimit(parseNumber(value), numeric.limit);
      if (v === null) {
        notices.push(
          `${key}=${value} must be ${describeLimit(numeric.limit)}; using ${setup.train[numeric.field]}.`,
        );
      } else {
        (setup.train[numeric.field] as number) = v;
      }
      continue;
    }
    const taskMatch = /^([wtg])\.(.+)$/.exec(key);
    if (taskMatch) {
      const [, kind, task] = taskMatch;
      const limit = kind === 'w' ? LIMITS.weight : LIMITS.temperature;
      const target = { w: setup.weights, t: setup.temperatures, g: setup.gateTemperatures }[kind]!;
      const what = { w: 'loss weight', t: 'temperature', g: 'gate temperature' }[kind]!;
      if (!taskIds.includes(task)) {
        notices.push(
          `${key}: ${BUILTINS[dataset].name} has no task "${task}" (tasks: ${taskIds.join(', ')}).`,
        );
        continue;
      }
      const v = withinLimit(parseNumber(value), limit);
      if (v === null)
        notices.push(
          `${key}=${value}: the ${what} must be ${describeLimit(limit)}; using ${target[task] ?? 1}.`,
        );
      else target[task] = v;
      continue;
    }
    const weightingKey = WEIGHTING_KEYS.get(key);
    if (weightingKey) {
      const limit = WEIGHTING_LIMITS[weightingKey];
      const v = withinLimit(parseNumber(value), limit);
      if (v === null)
        notices.push(
          `${key}=${value} must be ${describeLimit(limit)}; using ${setup.weighting[weightingKey]}.`,
        );
      else setup.weighting[weightingKey] = v;
      continue;
    }
    switch (key) {
      case 'strategy':
        if (isStrategyId(value)) setup.weighting.strategy = value;
        else
          notices.push(
            `strategy=${value} is not one of ${STRATEGY_IDS.join(', ')}; using ${setup.weighting.strategy}.`,
          );
        break;
      case 'opt':
        if (OPTIMIZERS.some((o) => o.id === value)) setup.train.optimizer = value as OptimizerId;
        else
          notices.push(
            `opt=${value} is not one of ${OPTIMIZERS.map((o) => o.id).join(', ')}; using ${setup.train.optimizer}.`,
          );
        break;
      case 'backend':
        if (value === 'auto' || (BACKEND_ORDER as readonly string[]).includes(value))
          setup.backend = value as BackendChoice;
        else
          notices.push(
            `backend=${value} is not one of auto, ${BACKEND_ORDER.join(', ')}; using auto.`,
          );
        break;
      case 'autotrain':
        if (value === '1' || value === '0') setup.autotrain = value === '1';
        else notices.push(`autotrain=${value} must be 1 or 0; not starting automatically.`);
        break;
      case 'hide': {
        const names = value.split(',').filter((n) => n !== '');
        const unknown = names.filter((n) => !isPanelId(n));
        setup.hide = [...new Set(names.filter(isPanelId))];
        if (unknown.length > 0)
          notices.push(
            `hide=${unknown.join(',')} names no panel (${PANEL_IDS.join(', ')}); ${unknown.length === 1 ? 'it was' : 'they were'} ignored.`,
          );
        break;
      }
      default:
        notices.push(`Unknown setting "${key}" in the link was ignored.`);
    }
  }
  return { setup, notices };
}

/** Writes a setup as a location hash body (no leading '#'), every key spelled out. */
export function serializeSetup(setup: Setup): string {
  const params = new URLSearchParams();
  // The user's own data cannot travel in a link; the rest of the setup still does.
  if (isBuiltinId(setup.dataset)) params.set('dataset', setup.dataset);
  params.set('preset', setup.preset);
  if (setup.model) params.set('model', encodeModel(setup.model));
  params.set('opt', setup.train.optimizer);
  params.set('epochs', String(setup.train.epochs));
  params.set('batch', String(setup.train.batchSize));
  params.set('lr', String(setup.train.learningRate));
  params.set('seed', String(setup.train.seed));
  params.set('val', String(setup.train.validationFraction));
  params.set('test', String(setup.train.testFraction));
  // Left out when off, so links made before clipping existed stay the same.
  if (setup.train.clipNorm > 0) params.set('clip', String(setup.train.clipNorm));
  params.set('backend', setup.backend);
  for (const [task, w] of Object.entries(setup.weights)) params.set(`w.${task}`, String(w));
  for (const [task, t] of Object.entries(setup.temperatures)) params.set(`t.${task}`, String(t));
  for (const [task, g] of Object.entries(setup.gateTemperatures))
    params.set(`g.${task}`, String(g));
  params.set('strategy', setup.weighting.strategy);
  if (setup.weighting.strategy === 'gradnorm')
    params.set('gradnorm.alpha', String(setup.weighting.gradNormAlpha));
  if (setup.weighting.strategy === 'cagrad')
    params.set('cagrad.c', String(setup.weighting.cagradC));
  if (setup.autotrain) params.set('autotrain', '1');
  if (setup.hide.length > 0) params.set('hide', setup.hide.join(','));
  return params.toString();
}
