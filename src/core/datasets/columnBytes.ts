import { gunzipSync } from 'fflate';
import { decodeText, type Parsed } from './parseError';

/** Text of a file that may be gzip-compressed (a server may already have inflated it). */
export function columnFileBytes(bytes: Uint8Array, file: string): Parsed<string> {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return decodeText(gunzipSync(bytes), file);
    } catch (e) {
      return {
        ok: false,
        error: {
          file,
          message: `corrupt gzip data (${e instanceof Error ? e.message : String(e)}).`,
        },
      };
    }
  }
  return decodeText(bytes, file);
}
