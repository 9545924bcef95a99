import { packJson, unpackJson } from '../share/packedJson';
import { parseModelSpec } from './schema';
import type { ModelSpec } from './types';

/** A spec's JSON is a few kB; anything that inflates past this is not one. */
const MAX_SPEC_JSON_BYTES = 64 * 1024;

/** A model spec as a URL-safe string: deflated JSON in base64url (`model=` in a link). */
export function encodeModel(spec: ModelSpec): string {
  return packJson(spec);
}

export type ModelDecoding = { ok: true; spec: ModelSpec } | { ok: false; message: string };

/** Reads `encodeModel`'s output from an untrusted link; every failure is a sentence, never a throw. */
export function decodeModel(text: string): ModelDecoding {
  const unpacked = unpackJson(text, MAX_SPEC_JSON_BYTES, 'a model code');
  if (!unpacked.ok) return unpacked;
  const parsed = parseModelSpec(unpacked.value);
  return parsed.ok
    ? { ok: true, spec: parsed.spec }
    : { ok: false, message: parsed.errors.slice(0, 3).join('; ') };
}
