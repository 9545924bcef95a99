import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS, buildBuiltin } from '../datasets/catalog';
import { parseSetup } from '../urlState';
import { analyzeSpec } from './analyze';
import { multiLeNet } from './reference';

const multiTasks = BUILTINS.multimnist.tasks.map((t) => ({
  ...t,
  kind: 'classification' as const,
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  description: '',
}));

describe('MultiLeNet', () => {
  it('is a valid model for MultiMNIST’s two digits, with the paper’s 320 → 50 shared layer', () => {
    const built = buildBuiltin('multimnist', new Uint8Array(readFileSync('public/data/mnist.bin')));
    expect(built.ok && built.value.info.input).toEqual(multiLeNet().input);
    const analysis = analyzeSpec(multiLeNet(), multiTasks);
    expect(analysis.issues).toEqual([]);
    expect(analysis.totalParams).toBe(
      5 * 5 * 1 * 10 +
        10 + // conv 5×5, 10 filters
        (5 * 5 * 10 * 20 + 20) + // conv 5×5, 20 filters
        (320 * 50 + 50) + // shared dense
        2 * (50 * 50 + 50 + (50 * 10 + 10)), // per digit: tower and output
    );
  });

  it('is what the README’s reference-experiment link opens', () => {
    const readme = readFileSync('README.md', 'utf8');
    const link = /#(dataset=multimnist&[^\s`)>]+)/.exec(readme)?.[1];
    expect(link).toBeDefined();
    const { setup, notices } = parseSetup(link!);
    expect(notices).toEqual([]);
    expect(setup.model).toEqual(multiLeNet());
  });
});
