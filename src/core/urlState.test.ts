import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { MNIST_INPUT, MNIST_TASKS } from './datasets/catalog';
import { encodeModel } from './spec/modelLink';
import { buildPreset } from './spec/presets';
import { LIMITS } from './training/config';
import { defaultSetup, parseSetup, serializeSetup } from './urlState';

describe('URL state', () => {
  it('reads every public key a teacher can write', () => {
    const { setup, notices } = parseSetup(
      '#dataset=mnist&preset=mmoe&opt=sgd&epochs=7&batch=32&lr=0.01&seed=42&val=0.25&test=0.1&clip=5&backend=wasm&w.digit=2&w.parity=0&t.high=0.5&g.digit=2.5&strategy=cagrad&cagrad.c=0.25&autotrain=1&hide=runs,pareto',
    );
    expect(notices).toEqual([]);
    expect(setup).toEqual({
      dataset: 'mnist',
      preset: 'mmoe',
      model: null,
      train: {
        optimizer: 'sgd',
        epochs: 7,
        batchSize: 32,
        learningRate: 0.01,
        seed: 42,
        validationFraction: 0.25,
        testFraction: 0.1,
        clipNorm: 5,
      },
      backend: 'wasm',
      weights: { digit: 2, parity: 0, high: 1 },
      temperatures: { digit: 1, parity: 1, high: 0.5 },
      gateTemperatures: { digit: 2.5 },
      weighting: { strategy: 'cagrad', gradNormAlpha: 1.5, cagradC: 0.25 },
      autotrain: true,
      hide: ['runs', 'pareto'],
    });
  });

  it('hides the panels a link names, and says which names are no panel', () => {
    const { setup, notices } = parseSetup('#hide=dataset,charts,dataset,colours');
    expect(setup.hide).toEqual(['dataset', 'charts']);
    expect(notices).toEqual([
      expect.stringContaining('hide=colours names no panel (dataset, tasks,'),
    ]);
    expect(parseSetup(`#${serializeSetup(setup)}`).setup.hide).toEqual(['dataset', 'charts']);
    // Nothing hidden: the key is left out of the link.
    expect(serializeSetup(defaultSetup())).not.toContain('hide=');
  });

  it('carries a drawn model in the link, compressed, and its head settings', () => {
    const model = buildPreset('cgc', MNIST_INPUT, MNIST_TASKS);
    model.experts[0].count = 3;
    model.heads.pop();
    const setup = { ...defaultSetup(), preset: 'cgc' as const, model };
    setup.weights = { digit: 2, parity: 0.5 };
    setup.temperatures = { digit: 1, parity: 3 };
    setup.gateTemperatures = { digit: 0.5, parity: 1 };
    const hash = serializeSetup(setup);
    expect(hash.length).toBeLessThan(900);
    expect(parseSetup(hash)).toEqual({ setup, notices: [] });
  });

  it('refuses a broken or oversized model with a notice and keeps the preset', () => {
    const good = encodeModel(buildPreset('hps', MNIST_INPUT, MNIST_TASKS));
    const cases: [string, RegExp][] = [
      [good.slice(0, 40), /cut short|not compressed data|not JSON/],
      ['%%%', /characters a model code never contains/],
      [encodeModel({ version: 1 } as never), /version/],
      [
        // 100 kB of spaces deflates to a few hundred bytes: refused before it is parsed.
        btoa(String.fromCharCode(...deflateSync(strToU8(' '.repeat(100_000)))))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, ''),
        /unpacks to over 64 kB/,
      ],
    ];
    for (const [code, message] of cases) {
      const { setup, notices } = parseSetup(`preset=mmoe&model=${code}`);
      expect(setup.model).toBeNull();
      expect(setup.preset).toBe('mmoe');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(message);
    }
  });

  it('accepts settings for the autoencoder’s reconstruction head', () => {
    const { setup, notices } = parseSetup('preset=autoencoder&w.reconstruction=0.3');
    expect(notices).toEqual([]);
    expect(setup.weights.reconstruction).toBe(0.3);
  });

  it('round-trips through serialize and parse', () => {
    const setup = defaultSetup();
    setup.preset = 'single';
    setup.train.learningRate = 0.0005;
    setup.weights.parity = 0.25;
    setup.temperatures.digit = 3;
    expect(parseSetup(serializeSetup(setup))).toEqual({ setup, notices: [] });
  });

  it('carries the weighting strategy and its parameter', () => {
    const setup = defaultSetup();
    setup.weighting = { strategy: 'gradnorm', gradNormAlpha: 0.75, cagradC: 0.5 };
    const hash = serializeSetup(setup);
    expect(hash).toContain('strategy=gradnorm&gradnorm.alpha=0.75');
    expect(parseSetup(hash)).toEqual({ setup, notices: [] });
    const cagrad = parseSetup('strategy=cagrad&cagrad.c=0.2').setup.weighting;
    expect(cagrad).toEqual({ strategy: 'cagrad', gradNormAlpha: 1.5, cagradC: 0.2 });
  });

  it('refuses unknown strategies and out-of-range parameters with a notice', () => {
    const { setup, notices } = parseSetup('strategy=magic&gradnorm.alpha=9&cagrad.c=x');
    expect(setup.weighting).toEqual(defaultSetup().weighting);
    expect(notices).toEqual([
      'strategy=magic is not one of static, equal, uncertainty, dwa, rlw, gls, gradnorm, pcgrad, mgda, cagrad, nash; using static.',
      'gradnorm.alpha=9 must be a number from 0 to 5; using 1.5.',
      'cagrad.c=x must be a number from 0 to 5; using 0.5.',
    ]);
  });

  it('replaces invalid values by defaults and says which, never throwing', () => {
    const { setup, notices } = parseSetup(
      'dataset=cifar&preset=deep&epochs=0&batch=12.5&lr=abc&seed=-1&backend=tpu&w.digit=-3&t.parity=0&w.colour=1&autotrain=yes&foo=bar',
    );
    expect(setup).toEqual(defaultSetup());
    expect(notices).toEqual([
      'dataset=cifar is not a built-in dataset (mnist, multimnist, fashion, brown5k, brown10k, sotu); using mnist.',
      'preset=deep is not one of single, hps, mmoe, cgc, autoencoder; using hps.',
      'epochs=0 must be a whole number from 1 to 200; using 3.',
      'batch=12.5 must be a whole number from 1 to 1024; using 64.',
      'lr=abc must be a number from 0.000001 to 10; using 0.001.',
      'seed=-1 must be a whole number from 0 to 2147483647; using 1.',
      'backend=tpu is not one of auto, webgpu, webgl, wasm, cpu; using auto.',
      'w.digit=-3: the loss weight must be a number from 0 to 100; using 1.',
      't.parity=0: the temperature must be a number from 0.05 to 20; using 1.',
      'w.colour: MNIST digits has no task "colour" (tasks: digit, parity, high).',
      'autotrain=yes must be 1 or 0; not starting automatically.',
      'Unknown setting "foo" in the link was ignored.',
    ]);
  });

  it('rejects numbers in forms JavaScript would otherwise accept', () => {
    for (const text of ['', ' 5', '0x10', '1e', 'Infinity', '5 ']) {
      expect(parseSetup(`epochs=${encodeURIComponent(text)}`).notices).toHaveLength(1);
    }
    expect(parseSetup('lr=1e-3').setup.train.learningRate).toBe(0.001);
  });

  it('never throws and always yields settings within their limits (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { setup } = parseSetup(text);
        expect(setup.train.epochs).toBeGreaterThanOrEqual(LIMITS.epochs.min);
        expect(setup.train.epochs).toBeLessThanOrEqual(LIMITS.epochs.max);
        for (const w of Object.values(setup.weights)) expect(w).toBeGreaterThanOrEqual(0);
        for (const t of Object.values(setup.temperatures)) expect(t).toBeGreaterThan(0);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('round-trips any valid numeric settings (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 1024 }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (epochs, batchSize, learningRate, weight) => {
          const setup = defaultSetup();
          setup.train = { ...setup.train, epochs, batchSize, learningRate };
          setup.weights.digit = weight;
          expect(parseSetup(serializeSetup(setup))).toEqual({ setup, notices: [] });
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('ignores an over-long hash', () => {
    const { setup, notices } = parseSetup(`epochs=5&pad=${'x'.repeat(9000)}`);
    expect(setup.train.epochs).toBe(3);
    expect(notices[0]).toMatch(/over 8192 characters/);
  });
});

describe('URL state: hostile keys', () => {
  it('treats prototype names as unknown keys', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'w.__proto__', 't.constructor']) {
      const { setup, notices } = parseSetup(`${key}=1`);
      expect(setup).toEqual(defaultSetup());
      expect(notices).toHaveLength(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
