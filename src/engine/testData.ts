import { readFileSync } from 'node:fs';
import { BUILTINS, buildBuiltin, type BuiltinId } from '../core/datasets/catalog';
import type { EncodedDataset } from '../core/datasets/encoded';

/** A built-in dataset read from the committed file, for Node tests. */
export function loadBuiltinForTests(id: BuiltinId): EncodedDataset {
  const built = buildBuiltin(id, new Uint8Array(readFileSync(`public/${BUILTINS[id].file}`)));
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
