import { describe, expect, it } from 'vitest';
import { deltaM, paretoFront, relativeGain, sweepWeightPairs } from './compare';

describe('Δm', () => {
  it('averages signed relative gains: +2% accuracy and −10% MSE give +6%', () => {
    const results = [
      { task: 'a', metric: 0.918, baseline: 0.9, lowerIsBetter: false },
      { task: 'b', metric: 0.9, baseline: 1, lowerIsBetter: true },
    ];
    expect(relativeGain(results[0])).toBeCloseTo(0.02);
    expect(relativeGain(results[1])).toBeCloseTo(0.1);
    expect(deltaM(results)).toBeCloseTo((0.02 + 0.1) / 2);
  });

  it('is negative when multi-task learning hurt', () => {
    expect(deltaM([{ task: 'a', metric: 0.8, baseline: 0.9, lowerIsBetter: false }])).toBeLessThan(
      0,
    );
  });

  it('is NaN without tasks', () => {
    expect(deltaM([])).toBeNaN();
  });
});

describe('paretoFront', () => {
  const points = [
    { id: 'a', x: 0.9, y: 0.5 },
    { id: 'b', x: 0.8, y: 0.8 },
    { id: 'c', x: 0.7, y: 0.7 }, // dominated by b
    { id: 'd', x: 0.5, y: 0.9 },
    { id: 'e', x: NaN, y: 1 },
  ];

  it('keeps the non-dominated points, sorted by x', () => {
    expect(paretoFront(points, [true, true]).map((p) => p.id)).toEqual(['d', 'b', 'a']);
  });

  it('follows the direction of each axis', () => {
    // Lower y is better: a (0.9, 0.5) beats every other point of the list on both axes.
    expect(paretoFront(points, [true, false]).map((p) => p.id)).toEqual(['a']);
    const more = [...points, { id: 'f', x: 0.4, y: 0.1 }];
    expect(paretoFront(more, [true, false]).map((p) => p.id)).toEqual(['f', 'a']);
  });

  it('keeps both of two equal points', () => {
    expect(
      paretoFront(
        [
          { id: 'a', x: 1, y: 1 },
          { id: 'b', x: 1, y: 1 },
        ],
        [true, true],
      ),
    ).toHaveLength(2);
  });
});

describe('sweepWeightPairs', () => {
  it('gives 7 pairs summing to 2 with Equal in the middle', () => {
    const pairs = sweepWeightPairs(7);
    expect(pairs).toHaveLength(7);
    pairs.forEach(([a, b]) => expect(a + b).toBeCloseTo(2));
    expect(pairs[3]).toEqual([1, 1]);
    expect(pairs[0]).toEqual([0.1, 1.9]);
    expect(pairs[6]).toEqual([1.9, 0.1]);
  });
});
