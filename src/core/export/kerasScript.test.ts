import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset, PRESETS } from '../spec/presets';
import type { ModelSpec } from '../spec/types';
import { kerasScript } from './kerasScript';

const compiles = (script: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'keras-')), 'model.py');
  writeFileSync(file, script);
  // Throws with Python's message on a syntax error.
  execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
};

describe('Export Keras code', () => {
  for (const { id } of PRESETS) {
    it(`the ${id} preset's script compiles (python3 -m py_compile) and carries its spec`, () => {
      const spec = buildPreset(id, MNIST_INPUT, MNIST_TASKS);
      const script = kerasScript(spec, 'MNIST digits');
      compiles(script);
      const literal = /^SPEC = json\.loads\((.*)\)$/m.exec(script)?.[1];
      expect(JSON.parse(JSON.parse(literal!))).toEqual(spec);
    });
  }

  it('task names with quotes, backslashes and newlines stay data, not code', () => {
    const spec: ModelSpec = buildPreset('hps', MNIST_INPUT, MNIST_TASKS);
    spec.heads[0].task = `x"); import os; os.system("rm -rf /") #\\\n'''`;
    const script = kerasScript(spec, 'evil"\nimport os');
    compiles(script);
    expect(script.split('\n').some((line) => line.startsWith('import os'))).toBe(true);
    // The only top-level `import os` is the script's own, once.
    expect(script.split('\n').filter((line) => line === 'import os')).toHaveLength(1);
    const literal = /^SPEC = json\.loads\((.*)\)$/m.exec(script)?.[1];
    expect(JSON.parse(JSON.parse(literal!)).heads[0].task).toBe(spec.heads[0].task);
  });
});
