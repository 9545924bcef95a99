import type { RunRecord } from '../runs/runRecord';

type Candidate = Pick<RunRecord, 'name' | 'datasetId' | 'spec' | 'train' | 'hasWeights'>;

/** The tasks a run's model predicts that can vote (every head but the autoencoder's). */
function votingTasks(run: Candidate): string {
  return run.spec.heads
    .filter((h) => h.kind !== 'reconstruction')
    .map((h) => `${h.task}:${h.units}`)
    .sort()
    .join(',');
}

/**
 * Why `run` cannot join an ensemble with `base` (or on `datasetId` when no run is chosen yet), or
 * null when it can: members need saved weights, the same dataset, the same tasks with the same
 * classes, and the same held-out shares, so they are scored on the same validation examples
 * (splits do not depend on the seed).
 */
export function ensembleMisfit(
  run: Candidate,
  base: Candidate | null,
  datasetId: string,
): string | null {
  if (!run.hasWeights) return 'no saved model (it did not finish)';
  if (run.datasetId !== datasetId) return 'trained on another dataset';
  if (!base || base === run) return null;
  if (votingTasks(run) !== votingTasks(base)) return `other tasks than ${base.name}`;
  if (
    run.train.validationFraction !== base.train.validationFraction ||
    run.train.testFraction !== base.train.testFraction
  ) {
    return `other validation/test shares than ${base.name}`;
  }
  return null;
}
