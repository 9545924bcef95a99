import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const TFJS_DEPS = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
];

export default defineConfig({
  plugins: [react()],
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
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
