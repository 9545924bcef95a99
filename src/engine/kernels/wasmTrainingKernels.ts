import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Gradient kernels that TF.js's WASM backend does not ship (4.22), written here over the WASM
 * heap so embedding and convolution models can train on the fastest backend of a machine
 * without a GPU:
 *   UnsortedSegmentSum    the gradient of gather, hence of every Embedding layer;
 *   Conv2DBackpropFilter  the kernel gradient of Conv2D (and Conv1D, which TF.js runs as 2-D).
 * Each is checked against the CPU backend in wasmTrainingKernels.test.ts.
 */
export function registerWasmTrainingKernels(): void {
  register('UnsortedSegmentSum', unsortedSegmentSum);
  register('Conv2DBackpropFilter', conv2dBackpropFilter);
}

type KernelFunc = tf.KernelConfig['kernelFunc'];

function register(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, 'wasm')) return;
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** out[s, …] = Σ_{i : ids[i] = s} x[i, …]; ids outside [0, numSegments) are dropped, as in TF. */
const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const x = inputs.x as tf.TensorInfo;
  const ids = inputs.segmentIds as tf.TensorInfo;
  const numSegments = (attrs as unknown as { numSegments: number }).numSegments;
  const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
  // Allocate first: growing the heap detaches views taken before.
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  const xv = wasm.typedArrayFromHeap(x);
  const idv = wasm.typedArrayFromHeap(ids);
  const ov = wasm.typedArrayFromHeap(out);
  ov.fill(0);
  for (let i = 0; i < idv.length; i++) {
    const s = idv[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) ov[to + k] += xv[from + k];
  }
  return out;
};

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·sh − top + kh, ow·sw − left + kw, ci] · dy[b, oh, ow, co]
 * (NHWC, no dilation: what Conv2D and Conv1D layers use).
 */
const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const x = inputs.x as tf.TensorInfo;
  const dy = inputs.dy as tf.TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as ConvAttrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): NCHW is not supported');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const out = wasm.makeOutput(filterShape, 'float32');
  const xv = wasm.typedArrayFromHeap(x);
  const dyv = wasm.typedArrayFromHeap(dy);
  const dw = wasm.typedArrayFromHeap(out);
  dw.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            const wBase = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xval = xv[xBase + ci];
              if (xval === 0) continue;
              const row = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) dw[row + co] += xval * dyv[dyBase + co];
            }
          }
        }
      }
    }
  }
  return out;
};
