import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../engine/kernels/wasmTrainingKernels';

/**
 * Registers WebGPU and WASM next to the WebGL and CPU backends that @tensorflow/tfjs brings,
 * with the gradient kernels WASM lacks (embedding, convolution).
 * The WASM binaries are served by the app itself (no CDN). Threads are off: TF.js gives WASM
 * at most half the cores, and threaded WASM breaks in a minified worker bundle.
 */
export function registerBrowserBackends(): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  });
}

interface LosableBackend {
  gpgpu?: { gl?: { canvas?: EventTarget } };
  device?: { lost?: Promise<{ message?: string; reason?: string }> };
}

/**
 * Calls `onLost` when the GPU behind WebGL (context lost) or WebGPU (device lost) goes away,
 * which TF.js does not report: its ops would go on returning zeros or throwing much later.
 */
export function watchDevice(backend: string, onLost: (reason: string) => void): () => void {
  if (backend !== 'webgl' && backend !== 'webgpu') return () => undefined;
  const active = tf.backend() as unknown as LosableBackend;
  let watching = true;
  const canvas = active.gpgpu?.gl?.canvas;
  const onContextLost = () => {
    if (watching) onLost('The WebGL context was lost (the GPU was reset or is out of memory).');
  };
  canvas?.addEventListener('webglcontextlost', onContextLost);
  void active.device?.lost?.then((info) => {
    if (watching)
      onLost(`The WebGPU device was lost (${info.message || info.reason || 'no reason given'}).`);
  });
  return () => {
    watching = false;
    canvas?.removeEventListener('webglcontextlost', onContextLost);
  };
}
