import { describe, expect, it } from 'vitest';
import { accuracy, classScores, confusionMatrix, macroF1 } from './metrics';

describe('metrics', () => {
  const truth = [0, 0, 1, 1, 2];
  const pred = [0, 1, 1, 1, 0];

  it('accuracy counts matches, skipping masked positions', () => {
    expect(accuracy(truth, pred)).toBe(3 / 5);
    expect(accuracy(truth, pred, [1, 0, 1, 1, 0])).toBe(3 / 3);
    expect(accuracy([], [])).toBeNaN();
  });

  it('confusion matrix rows are true classes', () => {
    expect(confusionMatrix(truth, pred, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it('macro-F1 averages per-class F1 = 2TP / (2TP + FP + FN)', () => {
    const f1Class0 = (2 * 1) / (2 * 1 + 1 + 1); // TP 1, FP 1 (the 2 predicted as 0), FN 1
    const f1Class1 = (2 * 2) / (2 * 2 + 1 + 0);
    const f1Class2 = 0; // never predicted
    expect(macroF1(truth, pred, 3)).toBeCloseTo((f1Class0 + f1Class1 + f1Class2) / 3, 12);
    // A class absent from truth and predictions does not drag the mean down.
    expect(macroF1([0, 1], [0, 1], 5)).toBe(1);
  });
});

describe('classScores', () => {
  it('per-tag precision, recall and F1 by hand', () => {
    // Tags NOUN, VERB, DET over 10 tokens:
    //   true NOUN: 4 → NOUN, 1 → VERB;  true VERB: 2 → VERB, 1 → NOUN;  true DET: 2 → DET.
    const counts = [
      [4, 1, 0],
      [1, 2, 0],
      [0, 0, 2],
    ];
    const [noun, verb, det] = classScores(counts);
    expect(noun).toEqual({ precision: 4 / 5, recall: 4 / 5, f1: 8 / 10, support: 5 });
    expect(verb).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 4 / 6, support: 3 });
    expect(det).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
  });

  it('a class never predicted and never present has NaN ratios, not zeros', () => {
    const [, absent] = classScores([
      [3, 0],
      [0, 0],
    ]);
    expect(absent.support).toBe(0);
    expect(absent.precision).toBeNaN();
    expect(absent.recall).toBeNaN();
  });
});
