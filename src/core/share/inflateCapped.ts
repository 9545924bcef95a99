import { Inflate } from 'fflate';

/** Compressed bytes fed per push, so an oversized output is caught early (a deflate bomb). */
const INFLATE_CHUNK = 4096;

export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Inflates raw deflate data from outside, refusing output over `maxBytes`. Never throws. */
export function inflateCapped(data: Uint8Array, maxBytes: number): Inflated {
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  try {
    const inflate = new Inflate((chunk, final) => {
      size += chunk.length;
      if (size > maxBytes) throw new RangeError('too large');
      parts.push(chunk);
      if (final) ended = true;
    });
    for (let i = 0; i < data.length; i += INFLATE_CHUNK) {
      inflate.push(data.subarray(i, i + INFLATE_CHUNK), i + INFLATE_CHUNK >= data.length);
    }
    if (data.length === 0) inflate.push(data, true);
  } catch (e) {
    return {
      ok: false,
      message:
        e instanceof RangeError
          ? `it unpacks to over ${formatBytes(maxBytes)}`
          : 'it is not compressed data (cut short or altered)',
    };
  }
  if (!ended) return { ok: false, message: 'it is cut short' };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { ok: true, bytes };
}

/** "64 kB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
