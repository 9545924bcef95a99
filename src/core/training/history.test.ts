import { describe, expect, it } from 'vitest';
import { epochsToCsv, etaSeconds, formatDuration, type EpochRecord } from './history';

describe('metrics CSV', () => {
  it('writes one row per epoch, task and split', () => {
    const records: EpochRecord[] = [
      {
        epoch: 1,
        split: 'train',
        tasks: { digit: { loss: 0.5, metricName: 'accuracy', metric: 0.8 } },
      },
      {
        epoch: 1,
        split: 'validation',
        tasks: {
          digit: { loss: 0.4, metricName: 'accuracy', metric: 0.85, macroF1: 0.84 },
          'odd,task': { loss: 0.1, metricName: 'accuracy', metric: 0.9 },
        },
      },
    ];
    expect(epochsToCsv(records)).toBe(
      [
        'epoch,task,split,loss,metric,value',
        '1,digit,train,0.5,accuracy,0.8',
        '1,digit,validation,0.4,accuracy,0.85',
        '1,"odd,task",validation,0.1,accuracy,0.9',
        '',
      ].join('\n'),
    );
  });
});

describe('ETA', () => {
  it('is the remaining steps over the rate, unknown before any progress', () => {
    expect(etaSeconds(50, 250, 20)).toBe(200 / 20);
    expect(etaSeconds(0, 250, 20)).toBeNull();
    expect(etaSeconds(10, 250, 0)).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
  });
});
