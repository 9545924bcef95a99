import { readFileSync } from 'node:fs';
import { mnistTaskLabels } from '../core/datasets/catalog';
import { parseImageSet, type ImageSet } from '../core/datasets/imageSetFormat';

/** The committed MNIST file, read from disk for Node tests. */
export function loadMnistForTests(): { set: ImageSet; labels: Record<string, Int32Array> } {
  const parsed = parseImageSet(new Uint8Array(readFileSync('public/data/mnist.bin')), 'mnist.bin');
  if (!parsed.ok) throw new Error(parsed.error);
  return { set: parsed.set, labels: mnistTaskLabels(parsed.set.labels) };
}
