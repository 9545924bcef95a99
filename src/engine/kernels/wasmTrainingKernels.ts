import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerGruSequenceKernels } from './gruSequence';
import {
  f32,
  matMul,
  registerWasmKernel as register,
  view,
  wrapShippedKernel,
  type KernelFunc,
} from './wasmHeap';

/**
 * Gradient kernels for TF.js's WASM backend (4.22), written here over the WASM heap so
 * embedding and convolution models train fast on a machine without a GPU:
 *   UnsortedSegmentSum    the gradient of gather, hence of every Embedding layer (not shipped);
 *   Conv2DBackpropFilter  the kernel gradient of Conv2D and Conv1D (not shipped);
 *   Conv2DBackpropInput   the input gradient (shipped as a scalar loop: replaced);
 *   MaxPoolGrad           (shipped, scanning every input against every window: replaced).
 * Both convolution gradients are im2col / col2im around the backend's own matrix multiply
 * (XNNPACK), which is where the arithmetic is; the JS loops only move data. Each kernel is
 * checked against the CPU backend in wasmTrainingKernels.test.ts. The GRU recurrence has its
 * own pair of kernels (gruSequence.ts, used by the FusedGru layer).
 */
export function registerWasmTrainingKernels(): void {
  register('UnsortedSegmentSum', unsortedSegmentSum);
  register('Conv2DBackpropFilter', conv2dBackpropFilter);
  register('Conv2DBackpropInput', conv2dBackpropInput);
  register('MaxPoolGrad', maxPoolGrad);
  explicitSamePadding('Conv2D');
  explicitSamePadding('FusedConv2D');
  untransposedMatMul();
  registerGruSequenceKernels();
}

/**
 * The shipped BatchMatMul is fast on plain operands and several times slower with a transposed
 * one — which every dense layer's backward pass asks for. The operand is transposed here first
 * (a copy of one matrix, cheap next to the product) and the fast path does the rest.
 */
function untransposedMatMul(): void {
  wrapShippedKernel('BatchMatMul', (shipped) => (args) => {
    const { transposeA, transposeB } = args.attrs as unknown as {
      transposeA: boolean;
      transposeB: boolean;
    };
    if (!transposeA && !transposeB) return shipped.kernelFunc(args);
    const wasm = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const plainA = transposeA ? batchTransposed(wasm, a) : a;
    const plainB = transposeB ? batchTransposed(wasm, b) : b;
    const out = shipped.kernelFunc({
      ...args,
      inputs: { a: plainA, b: plainB },
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
    if (plainA !== a) wasm.disposeData(plainA.dataId);
    if (plainB !== b) wasm.disposeData(plainB.dataId);
    return out;
  });
}

/** [..., r, c] → [..., c, r] on the heap (each matrix of a batch on its own). */
function batchTransposed(wasm: BackendWasm, m: tf.TensorInfo): tf.TensorInfo {
  const rank = m.shape.length;
  const rows = m.shape[rank - 2];
  const cols = m.shape[rank - 1];
  const batch = m.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const out = wasm.makeOutput([...m.shape.slice(0, -2), cols, rows], m.dtype);
  const src = f32(wasm, m);
  const dst = f32(wasm, out);
  for (let n = 0, base = 0; n < batch; n++, base += rows * cols) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) dst[base + c * rows + r] = src[base + r * cols + c];
    }
  }
  return out;
}

/**
 * The shipped Conv2D and FusedConv2D give wrong results (often zeros) for 'same' padding when the
 * stride exceeds the kernel size (XNNPACK's own SAME arithmetic); the same padding spelled out
 * as explicit numbers is computed correctly.
 */
function explicitSamePadding(kernelName: string): void {
  wrapShippedKernel(kernelName, (shipped) => (args) => {
    const attrs = args.attrs as unknown as ConvGradAttrs & {
      dilations: number | [number, number];
    };
    if (attrs.pad !== 'same') return shipped.kernelFunc(args);
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    const filter = (args.inputs as { filter: tf.TensorInfo }).filter;
    const { padInfo } = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs.strides,
      attrs.dilations,
      'same',
      attrs.dimRoundingMode,
    );
    const pad = [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ];
    return shipped.kernelFunc({
      ...args,
      attrs: { ...args.attrs, pad } as unknown as tf.NamedAttrMap,
    });
  });
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

interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

function convInfo(
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradAttrs,
  kernel: string,
): ConvInfo {
  if (attrs.dataFormat === 'NCHW') throw new Error(`${kernel} (wasm): NCHW is not supported`);
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * col2im: adds each row of `cols` (the gradient of one patch: row r = (b, oh, ow), column
 * c = (kh, kw, ci)) back where the patch was read from `image`; entries over the padding are
 * skipped. Plain loops: no closure or subarray per patch, which the garbage collector would feel.
 */
function col2im(info: ConvInfo, cols: Float32Array, image: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const k = filterHeight * filterWidth * inChannels;
  let row = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, row++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const col = row * k + (kh * filterWidth + kw) * inChannels;
            const at = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            for (let c = 0; c < inChannels; c++) image[at + c] += cols[col + c];
          }
        }
      }
    }
  }
}

/**
 * The transposed im2col matrix: row k = (kh, kw, ci), column p = (b, oh, ow). Built row by row,
 * each row a strided copy of one input channel, so reads and writes run in order. `colsT` must
 * be zero (the padding stays zero).
 */
function im2colTransposed(info: ConvInfo, image: Float32Array, colsT: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const positions = batchSize * outHeight * outWidth;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // The output columns whose input column lies inside the image.
      const ow0 = Math.max(0, Math.ceil((left - kw) / strideWidth));
      const ow1 = Math.min(outWidth, Math.floor((inWidth - 1 + left - kw) / strideWidth) + 1);
      for (let ci = 0; ci < inChannels; ci++) {
        const rowBase = ((kh * filterWidth + kw) * inChannels + ci) * positions;
        for (let b = 0; b < batchSize; b++) {
          for (let oh = 0; oh < outHeight; oh++) {
            const ih = oh * strideHeight - top + kh;
            if (ih < 0 || ih >= inHeight) continue;
            const to = rowBase + (b * outHeight + oh) * outWidth;
            const from = ((b * inHeight + ih) * inWidth - left + kw) * inChannels + ci;
            const step = strideWidth * inChannels;
            for (let ow = ow0; ow < ow1; ow++) colsT[to + ow] = image[from + ow * step];
          }
        }
      }
    }
  }
}

/**
 * dW = im2col(x)ᵀ · dy, with im2col(x)ᵀ built directly: one untransposed matrix product (the
 * backend's fast path) whose [k, outChannels] result is already the filter's layout.
 */
const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const x = inputs.x as tf.TensorInfo;
  const dy = inputs.dy as tf.TensorInfo;
  const { filterShape } = attrs as unknown as { filterShape: number[] };
  const info = convInfo(
    x.shape,
    filterShape,
    attrs as unknown as ConvGradAttrs,
    'Conv2DBackpropFilter',
  );
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  // Allocate first: growing the heap detaches views taken before.
  const colsT = wasm.makeOutput([1, k, rows], 'float32');
  const cv = f32(wasm, colsT);
  const xv = f32(wasm, x);
  cv.fill(0);
  im2colTransposed(info, xv, cv);
  const out = matMul(wasm, colsT, view(dy, [1, rows, info.outChannels]));
  wasm.disposeData(colsT.dataId);
  out.shape = [...filterShape];
  return out;
};

/** dX = col2im(dy · Wᵀ): each patch's gradient added back where the patch was read. */
const conv2dBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const dy = inputs.dy as tf.TensorInfo;
  const filter = inputs.filter as tf.TensorInfo;
  const { inputShape } = attrs as unknown as { inputShape: number[] };
  const info = convInfo(
    inputShape,
    filter.shape,
    attrs as unknown as ConvGradAttrs,
    'Conv2DBackpropInput',
  );
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const filterT = batchTransposed(wasm, view(filter, [1, k, info.outChannels]));
  const dcols = matMul(wasm, view(dy, [1, rows, info.outChannels]), filterT);
  wasm.disposeData(filterT.dataId);
  const out = wasm.makeOutput([...inputShape], 'float32');
  const dv = f32(wasm, dcols);
  const ov = f32(wasm, out);
  ov.fill(0);
  col2im(info, dv, ov);
  wasm.disposeData(dcols.dataId);
  return out;
};

interface PoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Each window's gradient goes to the window's first largest input, as the CPU backend's
 * maxPoolPositions picks it (an all −∞ window passes none on).
 */
const maxPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const dy = inputs.dy as tf.TensorInfo;
  const x = inputs.input as tf.TensorInfo;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as PoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const out = wasm.makeOutput([...x.shape], 'float32');
  const xv = f32(wasm, x);
  const dyv = f32(wasm, dy);
  const ov = f32(wasm, out);
  ov.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Per window and channel, a scan of the window: no per-window arrays or fills.
  let at = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * strideHeight - top);
      const h1 = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, at += channels) {
        const w0 = Math.max(0, ow * strideWidth - left);
        const w1 = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        for (let c = 0; c < channels; c++) {
          let best = -Infinity;
          let where = -1;
          for (let h = h0; h < h1; h++) {
            let i = ((b * inHeight + h) * inWidth + w0) * channels + c;
            for (let w = w0; w < w1; w++, i += channels) {
              if (xv[i] > best) {
                best = xv[i];
                where = i;
              }
            }
          }
          if (where >= 0) ov[where] += dyv[at + c];
        }
      }
    }
  }
  return out;
};
