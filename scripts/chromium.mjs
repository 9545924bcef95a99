// How every browser run here starts Chromium: the e2e tests, the benchmark, the screenshots.
import { existsSync } from 'node:fs';

/** Debian's Chromium, used where installed (machines that cannot download Playwright's). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Quiet, root-safe flags: no sandbox, no background network traffic, no first-run UI. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumLaunchOptions(extraArgs = []) {
  return {
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  };
}
