import fc from 'fast-check';

/**
 * Test helper: an input that was valid, damaged the ways files and links get damaged — bytes
 * flipped, a range cut out or doubled, random bytes spliced in, the end cut off.
 */
export function mutatedBytes(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = Math.max(valid.length, 1);
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(n - 1), value: fc.nat(255) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(n - 1), length: fc.nat(64) }),
    fc.record({ kind: fc.constant('double' as const), at: fc.nat(n - 1), length: fc.nat(64) }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(n - 1),
      bytes: fc.uint8Array({ maxLength: 32 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(n - 1) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = Uint8Array.from(valid);
    for (const e of edits) {
      const at = Math.min(e.at, out.length);
      switch (e.kind) {
        case 'flip':
          if (out.length > 0) out[Math.min(at, out.length - 1)] = e.value;
          break;
        case 'cut':
          out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + e.length)]);
          break;
        case 'double':
          out = Uint8Array.from([
            ...out.subarray(0, at + e.length),
            ...out.subarray(at, at + e.length),
            ...out.subarray(at + e.length),
          ]);
          break;
        case 'splice':
          out = Uint8Array.from([...out.subarray(0, at), ...e.bytes, ...out.subarray(at)]);
          break;
        case 'truncate':
          out = out.slice(0, at);
          break;
      }
    }
    return out;
  });
}

/** The same for text (links, hashes): edits applied to its UTF-8 bytes, decoded leniently. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
  return mutatedBytes(new TextEncoder().encode(valid)).map((b) => new TextDecoder().decode(b));
}

/** What a message the user reads must look like: a sentence, not a stack or a type dump. */
export function isReadable(message: unknown): boolean {
  return (
    typeof message === 'string' &&
    message.trim().length >= 3 &&
    message.length <= 1000 &&
    !/undefined|\[object |at .+:\d+:\d+\)/.test(message)
  );
}
