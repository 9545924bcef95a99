import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS, BUILTIN_IDS, buildBuiltin } from './catalog';
import { describeDataset } from './encoded';
import { describeParseError } from './parseError';

const bytes = (file: string) => new Uint8Array(readFileSync(`public/${file}`));

describe('built-in datasets', () => {
  for (const id of BUILTIN_IDS) {
    it(`${id} loads from its committed file with the tasks its card promises`, () => {
      const b = BUILTINS[id];
      const built = buildBuiltin(id, bytes(b.file));
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      const ds = built.value;
      expect(ds.info.tasks.map((t) => [t.id, t.label])).toEqual(
        b.tasks.map((t) => [t.id, t.label]),
      );
      for (const t of ds.info.tasks) {
        const y = ds.y[t.id];
        const T =
          ds.info.input.kind === 'tokens' && t.kind === 'sequenceLabeling'
            ? ds.info.input.maxLength
            : 1;
        expect(y.length).toBe(ds.count * T);
        if (t.kind === 'classification' || t.kind === 'sequenceLabeling') {
          let outside = 0;
          for (const v of y) if (v < -1 || v >= t.classes.length) outside++;
          expect(outside).toBe(0);
        }
      }
      const card = describeDataset(ds);
      expect(card.preview.kind).toBe(b.family);
    });
  }

  it('State of the Union: party and era are classes, the year a standardised number', () => {
    const built = buildBuiltin('sotu', bytes(BUILTINS.sotu.file));
    if (!built.ok) throw new Error(built.error.message);
    const tasks = Object.fromEntries(built.value.info.tasks.map((t) => [t.id, t]));
    expect(built.value.count).toBe(8000);
    expect(tasks.party.classes).toEqual(['Democratic', 'Other', 'Republican']);
    expect(tasks.era.classes).toEqual(['1790–1860', '1861–1932', '1933–1980', '1981–2021']);
    expect(tasks.year.kind).toBe('regression');
  });

  it('refuses a damaged file with a message naming it', () => {
    const broken = buildBuiltin('mnist', bytes('data/mnist.bin').slice(0, 5000));
    expect(broken.ok ? '' : describeParseError(broken.error)).toMatch(
      /^data\/mnist\.bin: (unpacks|corrupt|expected)/,
    );
  });
});
