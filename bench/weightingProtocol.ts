/** Messages between the weighting benchmark page and its worker. */
import type { StrategyId } from '../src/core/weighting/strategies';

export interface StrategyCost {
  workload: string;
  backend: string;
  strategy: StrategyId;
  /** Median over rounds of (strategy steps/s) / (static weights steps/s), measured back to back. */
  costRatio: number;
  stepsPerSec: number;
  staticStepsPerSec: number;
}

export interface ReferenceRow {
  label: string;
  strategy: StrategyId | 'single';
  left: number;
  right: number;
  /** Against our own single-task runs; NaN for those. */
  deltaM: number;
  seconds: number;
  /** Sener & Koltun 2018, Table 2, MultiMNIST with the full 60k training set (left, right %). */
  paper: [number, number] | null;
}

export type WeightingBenchEvent =
  | { type: 'log'; text: string }
  | {
      type: 'done';
      backend: string;
      costs: StrategyCost[];
      reference: { setup: string; rows: ReferenceRow[] };
    };
