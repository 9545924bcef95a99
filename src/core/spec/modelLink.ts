import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from '../share/base64url';
import { inflateCapped } from '../share/inflateCapped';
import { parseModelSpec } from './schema';
import type { ModelSpec } from './types';

/** A spec's JSON is a few kB; anything that inflates past this is not one. */
const MAX_SPEC_JSON_BYTES = 64 * 1024;

/** A model spec as a URL-safe string: deflated JSON in base64url (`model=` in a link). */
export function encodeModel(spec: ModelSpec): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(spec)), { level: 9 }));
}

export type ModelDecoding = { ok: true; spec: ModelSpec } | { ok: false; message: string };

/** Reads `encodeModel`'s output from an untrusted link; every failure is a sentence, never a throw. */
export function decodeModel(text: string): ModelDecoding {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    return { ok: false, message: 'it has characters a model code never contains' };
  }
  const bytes = fromBase64Url(text);
  if (!bytes) return { ok: false, message: 'it is not valid base64url' };
  const inflated = inflateCapped(bytes, MAX_SPEC_JSON_BYTES);
  if (!inflated.ok) return inflated;
  const json = inflated.bytes;
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(json));
  } catch {
    return { ok: false, message: 'it is not JSON' };
  }
  const parsed = parseModelSpec(value);
  return parsed.ok
    ? { ok: true, spec: parsed.spec }
    : { ok: false, message: parsed.errors.slice(0, 3).join('; ') };
}
