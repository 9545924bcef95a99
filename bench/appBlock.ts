import type { MultiTaskTrainer } from '../src/engine/trainer';
import { runTraining } from '../src/worker/trainingLoop';

/**
 * `steps` steps of the app's trainer, driven by the app's own loop (read-backs, yields).
 * Returns steps/s. Epoch ends are not timed apart (a bare loop has none): no evaluation here.
 */
export async function appBlock(trainer: MultiTaskTrainer, steps: number): Promise<number> {
  const start = performance.now();
  const end = trainer.step + steps;
  await runTraining(trainer, {
    keepGoing: () => trainer.step < end,
    onPoint: () => {},
    onEpochEnd: async () => void trainer.takeEpochTrainValues(),
  });
  return steps / ((performance.now() - start) / 1000);
}
