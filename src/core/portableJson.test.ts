import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url } from './share/base64url';
import { toPortableJson } from './portableJson';

describe('toPortableJson', () => {
  it('keeps bytes, numbers and keys a damaged workspace may hold', () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const json = JSON.parse(
      toPortableJson({ bytes: bytes.buffer, view: bytes.subarray(1, 3), n: NaN, x: 1.5 }),
    );
    expect(Array.from(fromBase64Url(json.bytes.$bytes)!)).toEqual([0, 1, 254, 255]);
    expect(Array.from(fromBase64Url(json.view.$bytes)!)).toEqual([1, 254]);
    expect(json.n).toBe('NaN');
    expect(json.x).toBe(1.5);
  });

  it('survives cycles, depth and prototype keys', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}');
    const json = JSON.parse(toPortableJson({ a, deep, hostile }));
    expect(json.a.self).toBe('[cycle]');
    expect(JSON.stringify(json.deep)).toContain('[too deep]');
    expect(Object.keys(json.hostile)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on anything structured clone can store (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true, withDate: true, withMap: false }), (v) => {
        expect(typeof toPortableJson(v)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
