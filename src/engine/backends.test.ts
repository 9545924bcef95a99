import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../core/training/config';
import { selectBackend, type ProbeDeps } from './backends';

// Node has only the CPU backend. Stand-ins named webgpu and wasm start like real ones; whether
// they "train" is decided by the probe below, which is what the ranking depends on.
beforeAll(() => {
  const cpuFactory = tf.findBackendFactory('cpu')!;
  for (const name of ['webgpu', 'wasm']) tf.registerBackend(name, cpuFactory, 0);
});

afterEach(async () => {
  await tf.setBackend('cpu');
});

function deps(
  trains: BackendName[],
  software: Partial<Record<BackendName, string>> = {},
): ProbeDeps {
  return {
    probeStep: async () => {
      if (!trains.includes(tf.getBackend() as BackendName))
        throw new Error('Kernel Conv2DBackpropFilter not registered');
      return 5;
    },
    softwareRenderer: async (b) => software[b] ?? null,
    initTimeoutMs: 5000,
    stepTimeoutMs: 5000,
  };
}

const outcomes = (probes: { backend: string; outcome: string }[]) =>
  Object.fromEntries(probes.map((p) => [p.backend, p.outcome]));

describe('selectBackend', () => {
  it('takes the first backend on real hardware that trains the model', async () => {
    const s = await selectBackend('auto', deps(['webgpu', 'wasm', 'cpu']));
    expect(s.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(outcomes(s.probes)).toEqual({
      webgpu: 'selected',
      webgl: 'skipped',
      wasm: 'skipped',
      cpu: 'skipped',
    });
  });

  it('prefers WASM over a GPU backend on a software rasteriser, without stepping on the latter', async () => {
    const stepped: string[] = [];
    const base = deps(['webgpu', 'wasm', 'cpu'], { webgpu: 'SwiftShader' });
    const s = await selectBackend('auto', {
      ...base,
      probeStep: () => (stepped.push(tf.getBackend()), base.probeStep()),
    });
    expect(s.backend).toBe('wasm');
    // webgl cannot start in Node at all.
    expect(outcomes(s.probes)).toEqual({
      webgpu: 'skipped',
      webgl: 'failed',
      wasm: 'selected',
      cpu: 'skipped',
    });
    expect(s.probes[0].reason).toContain('SwiftShader');
    // An emulated GPU's first step can take tens of seconds: it is not run at all.
    expect(stepped).toEqual(['wasm']);
  });

  it('uses the software GPU backend rather than plain JavaScript when WASM cannot train the model', async () => {
    const s = await selectBackend('auto', deps(['webgpu', 'cpu'], { webgpu: 'SwiftShader' }));
    expect(s.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(outcomes(s.probes)).toEqual({
      webgpu: 'selected',
      webgl: 'failed',
      wasm: 'failed',
      cpu: 'skipped',
    });
    expect(s.probes.find((p) => p.backend === 'wasm')?.reason).toContain('Conv2DBackpropFilter');
  });

  it('uses a forced backend as it is', async () => {
    const s = await selectBackend('cpu', deps(['webgpu', 'wasm', 'cpu']));
    expect(s.backend).toBe('cpu');
    expect(s.notice).toBeUndefined();
    expect(outcomes(s.probes)).toEqual({
      cpu: 'selected',
      webgpu: 'skipped',
      webgl: 'skipped',
      wasm: 'skipped',
    });
  });

  it('falls back from a forced backend that cannot train, and says so', async () => {
    const s = await selectBackend('wasm', deps(['webgpu', 'cpu'], { webgpu: 'SwiftShader' }));
    expect(s.notice).toBe(
      'The wasm backend cannot train this model (Kernel Conv2DBackpropFilter not registered); another was chosen.',
    );
    expect(s.backend).toBe('webgpu');
  });

  it('times out a probe step that hangs', async () => {
    const hanging: ProbeDeps = {
      ...deps(['cpu']),
      probeStep: () =>
        tf.getBackend() === 'webgpu' ? new Promise<number>(() => {}) : Promise.resolve(5),
      stepTimeoutMs: 50,
    };
    const s = await selectBackend('auto', hanging);
    expect(s.probes[0]).toMatchObject({ backend: 'webgpu', outcome: 'failed' });
    expect(s.probes[0].reason).toContain('did not finish within 0.05 s');
    expect(s.backend).toBe('wasm');
  });
});
