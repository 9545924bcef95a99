import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Kernels registered through here, so registering twice is a no-op and a shipped one is replaced once. */
const ours = new Set<string>();

export function registerWasmKernel(kernelName: string, kernelFunc: KernelFunc): void {
  if (ours.has(kernelName)) return;
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  ours.add(kernelName);
}

/**
 * Replaces a shipped kernel with `wrap(shipped)`, which may hand cases on to it; keeps the
 * shipped config (its gradient setup and any `setupFunc`). Once only; nothing if none shipped.
 */
export function wrapShippedKernel(
  kernelName: string,
  wrap: (shipped: tf.KernelConfig) => KernelFunc,
): void {
  if (ours.has(kernelName)) return;
  const shipped = tf.getKernel(kernelName, 'wasm');
  if (!shipped) return;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...shipped, kernelFunc: wrap(shipped) });
  ours.add(kernelName);
}

/**
 * The backend's BatchMatMul on [1, m, k] × [1, k, n] operands, untransposed (its fast path).
 * The result is a new heap allocation: views taken before it may be detached.
 */
export function matMul(wasm: BackendWasm, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', 'wasm')!;
  return kernel.kernelFunc({
    inputs: { a, b },
    backend: wasm,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

/** The same heap data under another shape (no copy). */
export const view = (t: tf.TensorInfo, shape: number[]): tf.TensorInfo => ({
  dataId: t.dataId,
  shape,
  dtype: t.dtype,
});

/** A float32 view of a tensor on the heap; take it again after any allocation. */
export const f32 = (wasm: BackendWasm, t: tf.TensorInfo) =>
  wasm.typedArrayFromHeap(t) as Float32Array;
