import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeParseError } from '../datasets/parseError';
import { buildImport, inspectFile, previewOf } from '../datasets/importFile';
import { DEFAULT_TEXT_PIPELINE } from '../text/tokenize';
import { readBundle } from '../share/bundle';
import { openLink } from '../share/shareLink';
import { parseSetup } from '../urlState';
import { decodeModel } from '../spec/modelLink';
import { toBase64Url } from '../share/base64url';

/**
 * Hand-made hostile inputs, one per trick a file or link from a stranger may play. Each must be
 * refused with a sentence that names the file, or read as plain data, and leave nothing behind
 * (no polluted prototype).
 */

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0xff, 0xfe, 0x80,
]);

/** A ZIP of `name` (`realBytes` zeros) whose headers claim it unpacks to `claimed` bytes. */
function zipClaiming(name: string, realBytes: number, claimed: number): Uint8Array {
  const zip = zipSync({ [name]: new Uint8Array(realBytes) }, { level: 9 });
  const view = new DataView(zip.buffer);
  for (let at = 0; at < zip.length - 4; at++) {
    const sig = view.getUint32(at, true);
    // Uncompressed size: offset 22 in a local header, 24 in a central directory entry.
    if (sig === 0x04034b50) view.setUint32(at + 22, claimed, true);
    if (sig === 0x02014b50) view.setUint32(at + 24, claimed, true);
  }
  return zip;
}

const refused = (result: { ok: boolean }) => expect(result.ok).toBe(false);
const polluted = () => ({}) as Record<string, unknown>;

describe('hostile files and links', () => {
  it('a 40 MB line with no line break is refused in bounded time', () => {
    const line = new Uint8Array(40 * 2 ** 20).fill(0x61);
    const started = performance.now();
    const result = inspectFile('huge-line.csv', line);
    refused(result);
    if (!result.ok) expect(describeParseError(result.error)).toMatch(/^huge-line\.csv/);
    // Bounded: a hang would be minutes (generous, this machine is shared).
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('JSON nested 200,000 deep is refused, as a table and inside a bundle', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const table = inspectFile('deep.json', strToU8(deep));
    refused(table);
    const bundle = readBundle(
      zipSync({ 'bundle.json': strToU8(deep), 'runs.json': strToU8('[]') }),
    );
    refused(bundle);
    if (!bundle.ok) expect(bundle.message).toMatch(/^bundle\.json/);
  });

  it('zip bombs are refused before they unpack, and a lying header unpacks no further than it says', () => {
    // Headers that admit to 4 GB: refused from the directory, before any inflating.
    const archive = inspectFile('bomb.zip', zipClaiming('a/x.png', 1000, 0xfffffff0));
    refused(archive);
    if (!archive.ok)
      expect(describeParseError(archive.error)).toMatch(/^bomb\.zip: unpacks to more than/);
    const bundle = readBundle(zipClaiming('weights.bin', 1000, 0xfffffff0));
    refused(bundle);
    if (!bundle.ok) expect(bundle.message).toMatch(/unpacks to over/);
    // Headers that claim 100 bytes for 50 MB: the entry is cut at 100 bytes, memory stays small.
    const liar = zipClaiming('data/x.csv', 50 * 2 ** 20, 100);
    const lied = inspectFile('liar.zip', liar);
    if (lied.ok && lied.value.format === 'images') {
      expect(lied.value.archive.images.every((i) => i.bytes.length <= 100)).toBe(true);
    }
    const weights = readBundle(zipClaiming('weights.bin', 50 * 2 ** 20, 100));
    refused(weights);
  });

  it('files that are not what their name says are refused with the file named', () => {
    for (const name of ['image.csv', 'image.conllu', 'image.tsv', 'image.json', 'image.txt']) {
      const result = inspectFile(name, PNG);
      refused(result);
      if (!result.ok) expect(describeParseError(result.error)).toContain(name);
    }
    refused(inspectFile('table.zip', strToU8('a,b\n1,2\n')));
    const bundle = readBundle(PNG);
    refused(bundle);
    if (!bundle.ok) expect(bundle.message).toBe('it is not a ZIP file');
  });

  it('labels with HTML and script are kept as plain strings (the UI renders text only)', () => {
    const evil = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"><svg/onload=alert(1)>',
    ];
    const rows = Array.from({ length: 12 }, (_, i) => {
      const label = evil[i % evil.length].replace(/"/g, '""');
      return `sentence number ${i} is here,"${label}"`;
    });
    const csv = ['text,label', ...rows].join('\n');
    const inspected = inspectFile('evil.csv', strToU8(csv));
    expect(inspected.ok).toBe(true);
    if (!inspected.ok) return;
    const preview = previewOf(inspected.value);
    expect(JSON.stringify(preview)).toContain('<script>alert(1)</script>');
    const built = buildImport(inspected.value, {
      textColumn: 'text',
      labels: ['label'],
      pipeline: DEFAULT_TEXT_PIPELINE,
    });
    expect(built.ok).toBe(true);
    if (built.ok) expect(built.value.info.tasks[0].classes).toEqual(expect.arrayContaining(evil));
  });

  it('prototype keys in column names, JSON rows, links and bundles never reach a prototype', () => {
    const csv = '__proto__,constructor,text\nx,y,hello there\nz,w,general kenobi\n';
    const inspected = inspectFile('proto.csv', strToU8(csv));
    if (inspected.ok) {
      const built = buildImport(inspected.value, {
        textColumn: 'text',
        labels: ['__proto__', 'constructor'],
        pipeline: DEFAULT_TEXT_PIPELINE,
      });
      // Refused, or kept as own keys of the label table.
      if (built.ok) {
        for (const t of built.value.info.tasks) {
          expect(Object.prototype.hasOwnProperty.call(built.value.y, t.id)).toBe(true);
        }
      }
    }
    const json =
      '[{"__proto__": {"polluted": 1}, "text": "a b", "label": "x"}, {"text": "c d", "label": "y"}]';
    inspectFile('proto.json', strToU8(json));
    parseSetup('#w.__proto__=5&t.constructor=2&g.prototype=1&__proto__=1');
    openLink('#weights=AAAA&w.__proto__=1');
    const manifest = JSON.stringify({ __proto__: { polluted: 1 }, format: 'x' });
    readBundle(
      zipSync({
        'bundle.json': strToU8(`{"__proto__":{"polluted":1}}`),
        'runs.json': strToU8(manifest),
      }),
    );
    const spec = toBase64Url(strToU8('{"__proto__":{"polluted":1}}'));
    refused(decodeModel(spec));
    expect(polluted().polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
