import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset, PRESETS } from './presets';
import { parseModelSpec } from './schema';

describe('parseModelSpec', () => {
  it('accepts every preset after a JSON round trip', () => {
    for (const { id: preset } of PRESETS) {
      const spec = buildPreset(preset, MNIST_INPUT, MNIST_TASKS);
      const parsed = parseModelSpec(JSON.parse(JSON.stringify(spec)));
      expect(parsed).toEqual({ ok: true, spec });
    }
  });

  it('names the field of every structural error', () => {
    const spec = JSON.parse(JSON.stringify(buildPreset('hps', MNIST_INPUT, MNIST_TASKS)));
    spec.version = 1;
    spec.trunk[1].units = -5;
    spec.heads[0].weight = 'heavy';
    spec.heads[1].task = '<script>';
    const parsed = parseModelSpec(spec);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const fields = parsed.errors.map((e) => e.split(':')[0]);
    expect(fields).toEqual(['version', 'trunk.1.units', 'heads.0.weight', 'heads.1.task']);
  });

  it('refuses non-objects and unknown layer types', () => {
    expect(parseModelSpec(null).ok).toBe(false);
    expect(parseModelSpec('spec').ok).toBe(false);
    const spec = JSON.parse(JSON.stringify(buildPreset('hps', MNIST_INPUT, MNIST_TASKS)));
    spec.trunk.push({ type: 'transformer' });
    const parsed = parseModelSpec(spec);
    expect(parsed.ok ? [] : parsed.errors[0]).toMatch(/^trunk\.3\.type/);
  });
});
