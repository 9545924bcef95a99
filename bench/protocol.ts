/** Messages between the benchmark page and its worker. */
export interface BenchResult {
  workload: string;
  backend: string;
  batchSize: number;
  /** The app's trainer: weighted multi-task step, loss read-back and yielding as in the app. */
  stepsPerSec: number;
  /** A bare TF.js loop on the same model: minimize(Σ losses), nothing else. */
  stockStepsPerSec: number;
  /** Median over rounds of app / stock steps/s, each round's pair measured back to back. */
  ratio: number;
  rounds: number;
  stepsPerRound: number;
  /** Steps/s of every round, for judging the noise. */
  appRounds: number[];
  stockRounds: number[];
}

export interface BenchSkip {
  workload: string;
  backend: string;
  reason: string;
}

export type BenchEvent =
  { type: 'log'; text: string } | { type: 'done'; results: BenchResult[]; skipped: BenchSkip[] };
