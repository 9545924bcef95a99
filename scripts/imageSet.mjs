// Writes the compact image-set file read by src/core/datasets/imageSetFormat.ts.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'fflate';

export function writeImageSet(path, { labels, pixels, height, width, channels, classes }) {
  const count = labels.length;
  const header = new Uint8Array(16);
  const view = new DataView(header.buffer);
  header.set([0x4d, 0x50, 0x49, 0x4d]); // "MPIM"
  view.setUint8(4, 1); // version
  view.setUint8(5, channels);
  view.setUint16(6, height, true);
  view.setUint16(8, width, true);
  view.setUint32(10, count, true);
  view.setUint16(14, classes, true);
  const raw = new Uint8Array(16 + count + pixels.length);
  raw.set(header, 0);
  raw.set(labels, 16);
  raw.set(pixels, 16 + count);
  const packed = gzipSync(raw, { level: 9, mtime: 0 });
  writeFileSync(path, packed);
  const sha = createHash('sha256').update(packed).digest('hex');
  console.log(`${path}: ${count} images, ${packed.length} bytes, sha256 ${sha}`);
}
