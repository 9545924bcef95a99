export type OptimizerId = 'adam' | 'sgd' | 'rmsprop';
export const OPTIMIZERS: readonly { id: OptimizerId; label: string }[] = [
  { id: 'adam', label: 'Adam' },
  { id: 'sgd', label: 'SGD + momentum 0.9' },
  { id: 'rmsprop', label: 'RMSprop' },
];

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
/** Probe order: fastest where a real GPU exists, down to plain JavaScript. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface TrainConfig {
  optimizer: OptimizerId;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /**
   * Seeds weight initialisation, shuffling and random weighting. The split does not depend on it
   * (see SPLIT_SEED): runs that differ in seed are scored on the same held-out examples.
   */
  seed: number;
  /** Shares of the examples held out (stratified by the first classification task). */
  validationFraction: number;
  testFraction: number;
  /**
   * Clip by global norm: when ‖g‖₂ over every trainable variable exceeds it, all gradients are
   * scaled by clipNorm/‖g‖₂ (Pascanu et al. 2013). 0 turns clipping off.
   */
  clipNorm: number;
}

/**
 * Seed of every train/validation/test split. Fixed, so the held-out examples depend only on the
 * dataset and the shares: seeds can be compared, and runs of different seeds ensembled, without
 * one run's training examples in another's validation set.
 */
export const SPLIT_SEED = 1;

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 3,
  seed: 1,
  validationFraction: 0.2,
  testFraction: 0,
  clipNorm: 0,
};

/** Inclusive bounds for settings that come from links and forms. */
export const LIMITS = {
  epochs: { min: 1, max: 200, integer: true },
  batchSize: { min: 1, max: 1024, integer: true },
  learningRate: { min: 1e-6, max: 10, integer: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  validationFraction: { min: 0.05, max: 0.5, integer: false },
  testFraction: { min: 0, max: 0.5, integer: false },
  clipNorm: { min: 0, max: 1000, integer: false },
  weight: { min: 0, max: 100, integer: false },
  temperature: { min: 0.05, max: 20, integer: false },
} as const satisfies Record<string, Limit>;

/** Inclusive bounds of a number setting. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** The value if it is a number within the limit, else null. */
export function withinLimit(value: number, limit: Limit): number | null {
  if (!Number.isFinite(value) || value < limit.min || value > limit.max) return null;
  if (limit.integer && !Number.isInteger(value)) return null;
  return value;
}

export function describeLimit(limit: Limit): string {
  return `${limit.integer ? 'a whole number' : 'a number'} from ${limit.min} to ${limit.max}`;
}

/** Per-task settings that can change while a model trains (no rebuild). */
export interface TaskSettings {
  /** Static loss weight wᵢ in L = Σ wᵢ·Lᵢ. */
  weight: number;
  /** Head softmax temperature. */
  temperature: number;
  /** Temperature of the task's gate, for heads that mix experts. */
  gateTemperature?: number;
}
