import { readFileSync } from 'node:fs';
import { buildBuiltin, type BuiltinId } from '../core/datasets/catalog';
import type { EncodedDataset } from '../core/datasets/encoded';

/** A built-in dataset read from the committed file, for Node tests. */
export function loadBuiltinForTests(id: BuiltinId): EncodedDataset {
  const file = id.startsWith('brown')
    ? 'brown.tsv.gz'
    : id === 'fashion'
      ? 'fashion.bin'
      : 'mnist.bin';
  const built = buildBuiltin(id, new Uint8Array(readFileSync(`public/data/${file}`)));
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
