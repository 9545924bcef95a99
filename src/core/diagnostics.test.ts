import { describe, expect, it } from 'vitest';
import {
  classificationDiagnostics,
  regressionDiagnostics,
  taggingDiagnostics,
} from './diagnostics';

describe('diagnostics', () => {
  it('classification: confusion by argmax, worst = lowest probability on the true class', () => {
    // 4 examples, 3 classes; truths 0, 1, 2, 1.
    const probs = [0.7, 0.2, 0.1, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.2, 0.1, 0.7];
    const d = classificationDiagnostics('c', [0, 1, 2, 1], probs, 3);
    expect(d.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    // Wrong: row 1 (p true 0.3) and row 3 (p true 0.1): row 3 first.
    expect(d.worst.map((w) => [w.row, w.predicted[0]])).toEqual([
      [3, 2],
      [1, 0],
    ]);
    expect(d.scores![0]).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
  });

  it('tagging: padding counts nowhere; the worst sentence has the lowest token accuracy', () => {
    // 2 sentences × 3 positions, 2 tags; sentence 0: tags 0,1,pad; sentence 1: 1,1,1.
    const truth = [0, 1, -1, 1, 1, 1];
    const p = (c: number) => (c === 0 ? [0.9, 0.1] : [0.1, 0.9]);
    const probs = [...p(0), ...p(1), ...p(0), ...p(0), ...p(1), ...p(1)];
    const d = taggingDiagnostics('t', truth, probs, 3, 2);
    expect(d.confusion).toEqual([
      [1, 0],
      [1, 3],
    ]);
    expect(d.worst.map((w) => w.row)).toEqual([1]);
    expect(d.worst[0].score).toBeCloseTo(2 / 3, 12);
    expect(d.worst[0].predicted).toEqual([0, 1, 1]);
  });

  it('regression: largest errors first and a sample of pairs', () => {
    const d = regressionDiagnostics('r', 'regression', [0, 1, 2, 3], [0.1, 1, 4, 2]);
    expect(d.worst.map((w) => w.row)).toEqual([2, 3, 0, 1]);
    expect(d.scatter).toHaveLength(4);
  });
});
