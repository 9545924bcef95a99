import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';
import { inflateCapped } from './inflateCapped';

/** A JSON value as a URL-safe string: deflated JSON in base64url (`model=`, `lesson.code=`). */
export function packJson(value: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(value)), { level: 9 }));
}

export type Unpacked = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Reads `packJson`'s output from an untrusted link, refusing anything that inflates past
 * `maxBytes`. Every failure is a sentence naming `what` ("a model code"), never a throw.
 */
export function unpackJson(text: string, maxBytes: number, what: string): Unpacked {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    return { ok: false, message: `it has characters ${what} never contains` };
  }
  const bytes = fromBase64Url(text);
  if (!bytes) return { ok: false, message: 'it is not valid base64url' };
  const inflated = inflateCapped(bytes, maxBytes);
  if (!inflated.ok) return inflated;
  try {
    return { ok: true, value: JSON.parse(strFromU8(inflated.bytes)) };
  } catch {
    return { ok: false, message: 'it is not JSON' };
  }
}
