// Builds public/data/fashion.bin: 5,000 Fashion-MNIST images (the first 500 of each class in
// the official test set) from Debian's dataset-fashion-mnist package (Expat licence,
// © 2017 Zalando SE). Deterministic.
//
// Usage: node scripts/build-fashion.mjs   (downloads and unpacks the .deb into .cache/ when missing)
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { writeImageSet } from './imageSet.mjs';

const PER_CLASS = 500;
const CLASSES = 10;
const cacheDir = '.cache/fashion-src';
const dataDir = join(cacheDir, 'usr/share/datasets/fashion-mnist');
if (!existsSync(dataDir)) {
  mkdirSync(cacheDir, { recursive: true });
  execSync('apt-get download dataset-fashion-mnist && dpkg -x dataset-fashion-mnist_*.deb .', {
    cwd: cacheDir,
    stdio: 'inherit',
  });
}

/** IDX (LeCun): big-endian magic 0x00000803 (images) or 0x00000801 (labels), then sizes. */
function readIdx(file) {
  const bytes = gunzipSync(new Uint8Array(readFileSync(join(dataDir, file))));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const dims = view.getUint8(3);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  return { shape, data: bytes.subarray(4 + 4 * dims) };
}

const images = readIdx('t10k-images-idx3-ubyte.gz');
const labels = readIdx('t10k-labels-idx1-ubyte.gz');
const [count, height, width] = images.shape;
if (labels.shape[0] !== count) throw new Error('label and image counts differ');
const size = height * width;
const taken = new Array(CLASSES).fill(0);
const outLabels = [];
const outPixels = new Uint8Array(PER_CLASS * CLASSES * size);
for (let i = 0; i < count && outLabels.length < PER_CLASS * CLASSES; i++) {
  const label = labels.data[i];
  if (taken[label] >= PER_CLASS) continue;
  taken[label]++;
  outPixels.set(images.data.subarray(i * size, (i + 1) * size), outLabels.length * size);
  outLabels.push(label);
}
writeImageSet('public/data/fashion.bin', {
  labels: outLabels,
  pixels: outPixels,
  height,
  width,
  channels: 1,
  classes: CLASSES,
});
