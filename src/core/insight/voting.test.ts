import { describe, expect, it } from 'vitest';
import { argMaxRows, hardVote, softVote } from './voting';
import { collapsedExpert, meanGateWeights } from './gateUsage';
import { entropyBits, softmaxAt } from './temperature';

describe('voting rules', () => {
  // Three members, two rows, three classes.
  const a = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3];
  const b = [0.5, 0.4, 0.1, 0.1, 0.1, 0.8];
  const c = [0.1, 0.8, 0.1, 0.3, 0.4, 0.3];

  it('soft voting averages the probabilities', () => {
    const mean = softVote([a, b, c]);
    expect(Array.from(mean)).toEqual(
      [
        (0.6 + 0.5 + 0.1) / 3,
        (0.3 + 0.4 + 0.8) / 3,
        0.1,
        0.2,
        (0.5 + 0.1 + 0.4) / 3,
        (0.3 + 0.8 + 0.3) / 3,
      ].map((v) => Math.fround(v)),
    );
    // Row 0: class 1 has the most mass (1.5 / 3) although two members voted class 0.
    expect(Array.from(argMaxRows(mean, 3))).toEqual([1, 2]);
  });

  it('hard voting takes the majority of argmaxes', () => {
    // Row 0: votes 0, 0, 1 → 0. Row 1: votes 1, 2, 1 → 1.
    expect(Array.from(hardVote([a, b, c], 3))).toEqual([0, 1]);
  });

  it('hard voting breaks a tie by the summed probability', () => {
    // Row 0: votes 0 and 1; class 1 carries 0.3 + 0.9 against 0.6 + 0.05.
    expect(
      Array.from(
        hardVote(
          [
            [0.6, 0.3, 0.1],
            [0.05, 0.9, 0.05],
          ],
          3,
        ),
      ),
    ).toEqual([1]);
  });

  it('refuses members of different sizes', () => {
    expect(() => softVote([a, [0.1, 0.9]])).toThrow(/disagree/);
  });
});

describe('temperature', () => {
  const logits = [2, 1, 0.1];

  it('T = 1 is the plain softmax; the argmax never moves', () => {
    const p = softmaxAt(logits, 1);
    const e = logits.map(Math.exp);
    p.forEach((v, i) => expect(v).toBeCloseTo(e[i] / (e[0] + e[1] + e[2]), 12));
    for (const t of [0.1, 0.5, 2, 10]) {
      const q = softmaxAt(logits, t);
      expect(q.indexOf(Math.max(...q))).toBe(0);
    }
  });

  it('a higher temperature flattens the distribution: entropy rises towards log₂ C', () => {
    const h = [0.2, 0.5, 1, 2, 5, 20].map((t) => entropyBits(softmaxAt(logits, t)));
    for (let i = 1; i < h.length; i++) expect(h[i]).toBeGreaterThan(h[i - 1]);
    expect(h[h.length - 1]).toBeLessThan(Math.log2(3));
    expect(Math.log2(3) - h[h.length - 1]).toBeLessThan(0.01);
    expect(entropyBits([1, 0, 0])).toBe(0);
  });

  it('stays finite for huge logits', () => {
    const p = softmaxAt([1000, 0], 0.05);
    expect(p).toEqual([1, 0]);
  });
});

describe('gate usage', () => {
  it('averages gate weights and flags a gate that sends over 90 % to one expert', () => {
    const mean = meanGateWeights([0.5, 0.5, 1, 0], 2);
    expect(mean).toEqual([0.75, 0.25]);
    expect(collapsedExpert(mean)).toBeNull();
    expect(collapsedExpert(meanGateWeights([0.95, 0.05, 0.93, 0.07], 2))).toBe(0);
  });
});
