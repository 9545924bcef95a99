import type { Limit } from '../training/config';

/** Bounds of the builder's number fields; the same as the spec schema accepts. */
export const SPEC_LIMITS = {
  units: { min: 1, max: 4096, integer: true },
  filters: { min: 1, max: 512, integer: true },
  kernelSize: { min: 1, max: 15, integer: true },
  strides: { min: 1, max: 8, integer: true },
  poolSize: { min: 1, max: 8, integer: true },
  rate: { min: 0, max: 0.95, integer: false },
  outputDim: { min: 1, max: 1024, integer: true },
  experts: { min: 1, max: 16, integer: true },
  gamma: { min: 0, max: 10, integer: false },
  alpha: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, Limit>;
