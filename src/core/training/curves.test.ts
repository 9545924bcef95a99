import { describe, expect, it } from 'vitest';
import { trainCurve, validationCurve, type CurveSource } from './curves';

const source: CurveSource = {
  stepsPerEpoch: 10,
  points: [
    { step: 5, epoch: 0.5, totalLoss: 2, tasks: { digit: { loss: 2, metric: 0.3 } } },
    { step: 10, epoch: 1, totalLoss: Number.NaN, tasks: { digit: { loss: 1, metric: 0.6 } } },
  ],
  epochs: [
    {
      epoch: 1,
      split: 'train',
      tasks: { digit: { loss: 1.5, metricName: 'accuracy', metric: 0.5 } },
    },
    {
      epoch: 1,
      split: 'validation',
      tasks: { digit: { loss: 1.2, metricName: 'accuracy', metric: 0.7 } },
    },
  ],
};

describe('curves', () => {
  it('train curves by epoch or step, skipping values that are not finite', () => {
    expect(trainCurve(source, (p) => p.tasks.digit.loss, 'epoch')).toEqual([
      { x: 0.5, y: 2 },
      { x: 1, y: 1 },
    ]);
    expect(trainCurve(source, (p) => p.totalLoss, 'step')).toEqual([{ x: 5, y: 2 }]);
  });

  it('validation points sit at the end of their epoch', () => {
    expect(validationCurve(source, 'digit', 'metric', 'epoch')).toEqual([{ x: 1, y: 0.7 }]);
    expect(validationCurve(source, 'digit', 'loss', 'step')).toEqual([{ x: 10, y: 1.2 }]);
  });
});
