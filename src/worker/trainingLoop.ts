import type { StepPoint } from '../core/training/history';
import type { MultiTaskTrainer } from '../engine/trainer';
import { yieldToEvents } from './yieldToEvents';

/** Longest stretch of training between two looks at the message queue. */
export const SLICE_MS = 40;
/** How often losses are read back for the charts. */
export const REPORT_MS = 250;

export interface LoopHooks {
  /** Checked before every step; false ends the loop after the current step. */
  keepGoing: () => boolean;
  /** A point of means since the previous one, in step order. */
  onPoint: (point: StepPoint) => void;
  /** After the last step of each epoch, once every point before it is out. */
  onEpochEnd: () => Promise<void>;
}

/**
 * Drives the trainer the way the app does: steps in slices of ≤ SLICE_MS, yielding between
 * slices so pause and live setting changes get through. Loss read-backs are started every
 * REPORT_MS and not waited for, so a GPU keeps computing while the numbers travel back; at most
 * one is in flight.
 */
export async function runTraining(trainer: MultiTaskTrainer, hooks: LoopHooks): Promise<void> {
  let reading: Promise<void> | null = null;
  let lastReport = performance.now();
  const startReading = () => {
    lastReport = performance.now();
    reading = trainer.flush().then((point) => {
      if (point) hooks.onPoint(point);
      reading = null;
    });
  };
  const drain = async () => {
    if (reading) await reading;
    startReading();
    await reading;
  };

  // A read-back that finds a NaN rolls the trainer back and sets `divergence`: nothing more runs.
  const going = () => hooks.keepGoing() && !trainer.done && !trainer.divergence;
  while (going()) {
    const sliceStart = performance.now();
    do {
      trainer.trainStep();
    } while (going() && !trainer.atEpochEnd && performance.now() - sliceStart < SLICE_MS);
    if (trainer.atEpochEnd) {
      await drain();
      if (trainer.divergence) break;
      await hooks.onEpochEnd();
    } else if (!reading && performance.now() - lastReport > REPORT_MS) {
      startReading();
    }
    await yieldToEvents();
  }
  await drain();
}
