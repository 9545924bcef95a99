import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { parseModelSpec } from './schema';
import type { ModelSpec } from './types';

/** A spec's JSON is a few kB; anything that inflates past this is not one. */
const MAX_SPEC_JSON_BYTES = 64 * 1024;
/** Compressed bytes fed per push, so an oversized output is caught early. */
const INFLATE_CHUNK = 512;

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

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
  let bytes: Uint8Array;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return { ok: false, message: 'it is not valid base64url' };
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      if (size > MAX_SPEC_JSON_BYTES) throw new RangeError('too large');
      parts.push(chunk);
    });
    for (let i = 0; i < bytes.length; i += INFLATE_CHUNK) {
      inflate.push(bytes.subarray(i, i + INFLATE_CHUNK), i + INFLATE_CHUNK >= bytes.length);
    }
    if (bytes.length === 0) inflate.push(bytes, true);
  } catch (e) {
    return {
      ok: false,
      message:
        e instanceof RangeError
          ? `it unpacks to over ${MAX_SPEC_JSON_BYTES / 1024} kB`
          : 'it is not compressed model data',
    };
  }
  const json = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    json.set(part, at);
    at += part.length;
  }
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
