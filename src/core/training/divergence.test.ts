import { describe, expect, it } from 'vitest';
import { describeDivergence, divergenceRemedies, findDivergence } from './divergence';

const TASKS = ['digit', 'parity'];

describe('findDivergence', () => {
  it('is null when every loss of every step and the weights after were finite', () => {
    expect(findDivergence([10, 10, 10], 10, 41, TASKS, 40, true)).toBeNull();
  });

  it('names the first step where a loss was not finite, and every task bad at that step', () => {
    // Steps 41–50: parity went bad at the 4th (44), digit at the 6th (46), the objective with parity.
    expect(findDivergence([3, 5, 3], 10, 41, TASKS, 40, false)).toEqual({
      step: 44,
      tasks: ['parity'],
      gradient: false,
      restoredStep: 40,
    });
    expect(findDivergence([0, 0, 0], 10, 41, TASKS, 40, false)?.tasks).toEqual(['digit', 'parity']);
  });

  it('blames the last step’s update when only the weights after the window are bad', () => {
    expect(findDivergence([10, 10, 10], 10, 41, TASKS, 40, false)).toEqual({
      step: 50,
      tasks: [],
      gradient: true,
      restoredStep: 40,
    });
  });

  it('says what happened in a sentence with task labels', () => {
    const d = findDivergence([3, 5, 3], 10, 41, TASKS, 40, false)!;
    expect(describeDivergence(d, (t) => t.toUpperCase())).toBe(
      'Training stopped at step 44: the loss of PARITY became NaN or infinite. The model is back to its last good weights (step 40).',
    );
  });
});

describe('divergenceRemedies', () => {
  it('offers a 10× smaller learning rate within limits, and clipping at 1 or tighter', () => {
    expect(divergenceRemedies({ learningRate: 0.01, clipNorm: 0 })).toEqual({
      learningRate: 0.001,
      clipNorm: 1,
    });
    expect(divergenceRemedies({ learningRate: 1e-6, clipNorm: 5 })).toEqual({
      learningRate: null,
      clipNorm: 0.5,
    });
  });
});
