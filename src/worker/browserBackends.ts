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
