import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectFile, previewOf } from './importFile';
import { readImageArchive } from './imageArchive';
import { describeParseError } from './parseError';

// The archive step does not decode images: any bytes stand in for them here.
const img = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, n]);
const enc = (s: string) => new TextEncoder().encode(s);

describe('image archives', () => {
  it('takes classes from folders, ignoring one enclosing folder and macOS metadata', () => {
    const zip = zipSync({
      'pets/cat/1.png': img(1),
      'pets/cat/2.jpg': img(2),
      'pets/dog/3.PNG': img(3),
      'pets/dog/notes.txt': enc('x'),
      '__MACOSX/pets/cat/._1.png': img(9),
      'pets/.DS_Store': img(9),
    });
    const r = readImageArchive(zip, 'pets.zip');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.images.map((i) => i.path)).toEqual([
      'pets/cat/1.png',
      'pets/cat/2.jpg',
      'pets/dog/3.PNG',
    ]);
    expect(r.value.tasks[0].classes).toEqual(['cat', 'dog']);
    expect(Array.from(r.value.labels.class)).toEqual([0, 0, 1]);
  });

  it('takes several tasks from a CSV naming the files', () => {
    const zip = zipSync({
      'data/img/a.png': img(1),
      'data/img/b.png': img(2),
      'data/img/c.png': img(3),
      'data/img/unused.png': img(4),
      'data/labels.csv': enc(
        'file,colour,shape,constant\nimg/a.png,red,round,x\nb.png,blue,square,x\nimg/c.png,red,square,x\n',
      ),
    });
    const r = readImageArchive(zip, 'shapes.zip');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.layout).toBe('csv');
    expect(r.value.tasks.map((t) => [t.id, t.classes])).toEqual([
      ['colour', ['blue', 'red']],
      ['shape', ['round', 'square']],
    ]);
    expect(Array.from(r.value.labels.colour)).toEqual([1, 0, 1]);
    expect(r.value.unlabelled).toBe(1);
  });

  it('refuses what it cannot use, saying what and where', () => {
    const message = (bytes: Uint8Array, file = 'x.zip') => {
      const r = readImageArchive(bytes, file);
      return r.ok ? '' : describeParseError(r.error);
    };
    expect(message(enc('hello'))).toBe('x.zip: not a ZIP archive.');
    expect(message(zipSync({ 'README.txt': enc('no images') }))).toBe(
      'x.zip: the archive holds no images (.png, .jpg, .gif, .bmp, .webp).',
    );
    expect(message(zipSync({ 'a.png': img(1), 'b.png': img(2) }))).toMatch(
      /a\.png is not in a class folder/,
    );
    expect(message(zipSync({ 'cats/a.png': img(1), 'cats/b.png': img(2) }))).toMatch(
      /one folder \("cats"\)/,
    );
    expect(
      message(zipSync({ 'a.png': img(1), 'labels.csv': enc('file,y\na.png,p\nmissing.png,q\n') })),
    ).toBe('labels.csv, line 3: no image "missing.png" in the archive.');
    const truncated = zipSync({ 'c/a.png': img(1), 'd/b.png': img(2) }).slice(0, 40);
    expect(message(truncated)).toMatch(/^x\.zip: a damaged ZIP archive/);
  });

  it('an archive file goes through the import path with a preview of its tasks', () => {
    const zip = zipSync({ 'c/a.png': img(1), 'd/b.png': img(2) });
    const r = inspectFile('two.zip', zip);
    expect(r.ok && previewOf(r.value)).toEqual({
      format: 'images',
      file: 'two.zip',
      images: 2,
      layout: 'folders',
      unlabelled: 0,
      tasks: [{ name: 'class', distinct: 2, examples: ['c', 'd'] }],
      suggestedLabels: ['class'],
    });
  });
});
