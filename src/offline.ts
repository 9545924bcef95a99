/**
 * After the first visit the app works with no network: a service worker (`sw.js`, written at
 * build time by scripts/offline-cache.mjs) keeps every file of the build — app, worker, WASM
 * binaries, built-in datasets — in a cache named after their content.
 */
export function keepForOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the page has loaded, so filling the cache never competes with the first paint.
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('./sw.js')
      .catch((e: unknown) => console.warn('The offline cache is not available:', e));
  });
}
