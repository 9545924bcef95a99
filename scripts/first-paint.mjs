// The JavaScript a visitor downloads before the first paint: the entry script and the chunks
// index.html preloads. TF.js belongs in the training worker, never here (it is about 2.4 MB);
// `node scripts/first-paint.mjs [dist]` fails if any of its core flags show up in these files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Flag names TF.js core registers at load; no other dependency has them. */
const TFJS_MARKERS = ['IS_BROWSER', 'WEBGL_CPU_FORWARD', 'WASM_HAS_SIMD_SUPPORT'];

/** Sizes of the first-paint files of a build in `dist`, and any that carry TF.js. */
export function firstPaint(dist = 'dist') {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  const files = [...new Set(refs)]
    .filter((ref) => !/^[a-z]+:/i.test(ref))
    .map((ref) => {
      const bytes = readFileSync(path.join(dist, ref));
      const text = bytes.toString('utf8');
      return {
        file: ref.replace(/^\.?\//, ''),
        bytes: bytes.length,
        gzipBytes: gzipSync(bytes).length,
        tfjs: TFJS_MARKERS.some((marker) => text.includes(marker)),
      };
    });
  const js = files.filter((f) => f.file.endsWith('.js'));
  return {
    files,
    jsBytes: js.reduce((a, f) => a + f.bytes, 0),
    jsGzipBytes: js.reduce((a, f) => a + f.gzipBytes, 0),
    withTfjs: files.filter((f) => f.tfjs).map((f) => f.file),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = firstPaint(process.argv[2] ?? 'dist');
  const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
  for (const f of result.files)
    console.log(`${f.file}: ${kB(f.bytes)}, ${kB(f.gzipBytes)} gzipped`);
  console.log(`first-paint JavaScript: ${kB(result.jsGzipBytes)} gzipped (${kB(result.jsBytes)})`);
  if (!result.files.some((f) => f.file.endsWith('.js'))) {
    console.error('No entry script found in index.html.');
    process.exit(1);
  }
  if (result.withTfjs.length) {
    console.error(`TF.js is in the first-paint bundle: ${result.withTfjs.join(', ')}`);
    process.exit(1);
  }
}
