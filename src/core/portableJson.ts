import { toBase64Url } from './share/base64url';

/** Deeper than any workspace the app writes: a guard against cyclic or hostile values. */
const MAX_DEPTH = 64;

/**
 * Any value read back from storage as JSON a person can keep: binary (ArrayBuffer, typed
 * arrays) becomes `{ "$bytes": base64url }`, non-finite numbers become strings, cycles and
 * values nested deeper than MAX_DEPTH become `"[cycle]"` / `"[too deep]"`. Never throws.
 */
export function toPortableJson(value: unknown): string {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
    if (depth > MAX_DEPTH) return '[too deep]';
    if (v instanceof ArrayBuffer) return { $bytes: toBase64Url(new Uint8Array(v)) };
    if (ArrayBuffer.isView(v)) {
      return { $bytes: toBase64Url(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    // Only the ancestors count: a value shared by two branches is written twice.
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((x) => walk(x, depth + 1));
    else {
      const fields: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        // defineProperty: a key named __proto__ stays a plain key.
        Object.defineProperty(fields, k, {
          value: walk(x, depth + 1),
          enumerable: true,
          writable: true,
        });
      }
      out = fields;
    }
    seen.delete(v);
    return out;
  };
  return JSON.stringify(walk(value, 0), null, 1) ?? 'null';
}
