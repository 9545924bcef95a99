import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { offlineCache } from './scripts/offline-cache.mjs';

const TFJS_DEPS = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
];

/**
 * The built app's Content-Security-Policy: its own scripts only (no inline script, no eval),
 * WebAssembly compilation for the WASM backend, data from its own origin plus the https bundle
 * a `#bundle=` link names, nothing embedded or posted elsewhere. README → Security.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** The policy as a meta tag in the built page (static hosts send no headers of their own). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    // Not in dev: React's fast refresh injects an inline script.
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineCache()],
  // Relative base so the built app works from any static host path.
  base: './',
  worker: { format: 'es' },
  // Without this the dev server discovers the worker's tfjs imports late and reloads mid-run.
  optimizeDeps: { include: TFJS_DEPS },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 3000,
  },
  server: { port: 5173 },
  // The preview server sends the policy as a header too, which also covers the worker's script
  // (a meta tag reaches only the page); frame-ancestors works only as a header.
  preview: {
    port: 4173,
    headers: {
      'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
