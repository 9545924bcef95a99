/** A problem in a file from outside, located for the user. */
export interface ParseError {
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParseError };

export function describeParseError(e: ParseError): string {
  return e.line === undefined
    ? `${e.file}: ${e.message}`
    : `${e.file}, line ${e.line}: ${e.message}`;
}

/** Caps that keep a tab responsive; a file above them gets a message instead of a freeze. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 500_000;

/** Decodes UTF-8 text, refusing what is clearly not text (NUL bytes) and dropping a BOM. */
export function decodeText(bytes: Uint8Array, file: string): Parsed<string> {
  if (bytes.length === 0) return { ok: false, error: { file, message: 'the file is empty.' } };
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      error: {
        file,
        message: `the file is ${(bytes.length / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB.`,
      },
    };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0))
    return { ok: false, error: { file, message: 'this looks like a binary file, not text.' } };
  const text = new TextDecoder('utf-8').decode(bytes);
  return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Lines without their terminators (LF or CRLF). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
