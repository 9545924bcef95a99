import { unzipSync } from 'fflate';
import type { TaskInfo } from '../tasks';
import { taskIdFor } from './fromTable';
import { decodeText, type Parsed } from './parseError';
import { parseTable } from './table';

const IMAGE_FILE = /\.(png|jpe?g|gif|bmp|webp)$/i;
/** Caps against zip bombs: the sum of what the archive unpacks to, and one image. */
export const MAX_ARCHIVE_UNPACKED = 300 * 1024 * 1024;
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGES = 20_000;

export interface ArchiveImage {
  path: string;
  bytes: Uint8Array;
}

/** Images with their labels, before decoding: what an archive of the user's holds. */
export interface ImageArchive {
  file: string;
  images: ArchiveImage[];
  tasks: TaskInfo[];
  labels: Record<string, Int32Array>;
  /** How the labels were found. */
  layout: 'folders' | 'csv';
  /** Images that no CSV row named, left out. */
  unlabelled: number;
}

const hiddenOrMeta = (path: string) =>
  path.split('/').some((p) => p.startsWith('.') || p === '__MACOSX');

/**
 * Reads a ZIP of images. Labels come from a CSV inside it (a column naming the image file, one
 * column per task), or else from folders: one folder per class (a single enclosing folder is
 * ignored).
 */
export function readImageArchive(bytes: Uint8Array, file: string): Parsed<ImageArchive> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return { ok: false, error: { file, message: 'not a ZIP archive.' } };
  }
  let total = 0;
  let tooLarge: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (hiddenOrMeta(f.name) || f.name.endsWith('/')) return false;
        const wanted = IMAGE_FILE.test(f.name) || /\.csv$/i.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        if (f.originalSize > MAX_IMAGE_BYTES || total > MAX_ARCHIVE_UNPACKED) {
          tooLarge = f.name;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    return {
      ok: false,
      error: {
        file,
        message: `a damaged ZIP archive (${e instanceof Error ? e.message : String(e)}).`,
      },
    };
  }
  if (tooLarge) {
    return {
      ok: false,
      error: {
        file,
        message: `unpacks to more than ${MAX_ARCHIVE_UNPACKED / 2 ** 20} MB (at ${tooLarge}); use fewer or smaller images.`,
      },
    };
  }
  const images = Object.keys(entries)
    .filter((p) => IMAGE_FILE.test(p))
    .sort()
    .map((path) => ({ path, bytes: entries[path] }));
  if (images.length === 0)
    return {
      ok: false,
      error: { file, message: 'the archive holds no images (.png, .jpg, .gif, .bmp, .webp).' },
    };
  if (images.length > MAX_IMAGES)
    return {
      ok: false,
      error: { file, message: `over ${MAX_IMAGES.toLocaleString('en')} images.` },
    };
  const csvs = Object.keys(entries).filter((p) => /\.csv$/i.test(p));
  if (csvs.length > 1)
    return {
      ok: false,
      error: {
        file,
        message: `more than one CSV file (${csvs.join(', ')}); keep the one that maps images to labels.`,
      },
    };
  return csvs.length === 1
    ? labelsFromCsv(file, images, csvs[0], entries[csvs[0]])
    : labelsFromFolders(file, images);
}

function classTask(id: string, label: string, classes: string[], description: string): TaskInfo {
  return { id, label, kind: 'classification', classes, description };
}

function labelsFromFolders(file: string, images: ArchiveImage[]): Parsed<ImageArchive> {
  let parts = images.map((img) => img.path.split('/'));
  // A single folder around everything (zipping "my-data/") carries no label.
  while (parts.every((p) => p.length > 2) && new Set(parts.map((p) => p[0])).size === 1)
    parts = parts.map((p) => p.slice(1));
  const loose = images.filter((_, i) => parts[i].length < 2);
  if (loose.length > 0) {
    return {
      ok: false,
      error: {
        file,
        message: `${loose[0].path} is not in a class folder; put each image in a folder named after its class, or add a CSV that maps file names to labels.`,
      },
    };
  }
  const names = parts.map((p) => p[p.length - 2]);
  const classes = [...new Set(names)].sort();
  if (classes.length < 2)
    return {
      ok: false,
      error: {
        file,
        message: `all images are in one folder ("${classes[0]}"); a classifier needs at least two classes.`,
      },
    };
  const index = new Map(classes.map((c, i) => [c, i]));
  return {
    ok: true,
    value: {
      file,
      images,
      tasks: [
        classTask(
          'class',
          'Class',
          classes,
          `The folder each image is in (${classes.length} classes).`,
        ),
      ],
      labels: { class: Int32Array.from(names, (n) => index.get(n)!) },
      layout: 'folders',
      unlabelled: 0,
    },
  };
}

const FILE_COLUMN = /^(file|filename|file_name|image|img|path|name)$/i;

function labelsFromCsv(
  file: string,
  images: ArchiveImage[],
  csvPath: string,
  csvBytes: Uint8Array,
): Parsed<ImageArchive> {
  const text = decodeText(csvBytes, `${file}/${csvPath}`);
  if (!text.ok) return text;
  const table = parseTable(text.value, `${file}/${csvPath}`, 'csv');
  if (!table.ok) return table;
  const { columns, rows, lines } = table.value;
  const fileCol = Math.max(
    0,
    columns.findIndex((c) => FILE_COLUMN.test(c)),
  );
  if (columns.length < 2)
    return {
      ok: false,
      error: { file: csvPath, message: 'needs a file-name column and at least one label column.' },
    };
  // Match by path relative to the CSV's folder, or by bare file name.
  const base = csvPath.includes('/') ? csvPath.slice(0, csvPath.lastIndexOf('/') + 1) : '';
  const byPath = new Map(
    images.map((img) => [img.path.startsWith(base) ? img.path.slice(base.length) : img.path, img]),
  );
  const byName = new Map(images.map((img) => [img.path.split('/').pop()!, img]));
  const picked: ArchiveImage[] = [];
  const rowOf: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const name = rows[r][fileCol].trim();
    const img = byPath.get(name) ?? byName.get(name);
    if (!img)
      return {
        ok: false,
        error: { file: csvPath, line: lines[r], message: `no image "${name}" in the archive.` },
      };
    picked.push(img);
    rowOf.push(r);
  }
  const taken = new Set<string>();
  const tasks: TaskInfo[] = [];
  const labels: Record<string, Int32Array> = {};
  for (let c = 0; c < columns.length; c++) {
    if (c === fileCol) continue;
    const values = rowOf.map((r) => rows[r][c].trim());
    const empty = values.findIndex((v) => v === '');
    if (empty >= 0)
      return {
        ok: false,
        error: {
          file: csvPath,
          line: lines[rowOf[empty]],
          message: `the "${columns[c]}" label is empty.`,
        },
      };
    const classes = [...new Set(values)].sort();
    if (classes.length < 2) continue;
    if (classes.length > 100)
      return {
        ok: false,
        error: {
          file: csvPath,
          message: `column "${columns[c]}" has ${classes.length} different values; a label column may have at most 100.`,
        },
      };
    const id = taskIdFor(columns[c], taken);
    const index = new Map(classes.map((v, i) => [v, i]));
    labels[id] = Int32Array.from(values, (v) => index.get(v)!);
    tasks.push(classTask(id, columns[c], classes, `Column "${columns[c]}" of ${csvPath}.`));
  }
  if (tasks.length === 0)
    return {
      ok: false,
      error: { file: csvPath, message: 'no label column with two or more values.' },
    };
  return {
    ok: true,
    value: {
      file,
      images: picked,
      tasks,
      labels,
      layout: 'csv',
      unlabelled: images.length - new Set(picked).size,
    },
  };
}
