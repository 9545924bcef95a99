import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { f32, matMul, registerWasmKernel, type KernelFunc } from './wasmHeap';

/**
 * A whole GRU recurrence as one WASM kernel, forward and backward: the layers API runs about
 * fifteen small ops per time step forward and forty backward (a BiGRU over 48 tokens: some
 * 10 000 kernel calls per training step), each costing more to dispatch than to compute. Here
 * each step is two matrix products on the backend's BatchMatMul and a JS loop over the gates.
 *
 * The cell is TF.js's GRUCell as the app builds it (tanh, hard-sigmoid gates, bias, no
 * dropout, reset gate before the recurrent product, Keras gate order z | r | h):
 *   z = hσ(xz + h·Uz)   r = hσ(xr + h·Ur)   ĥ = tanh(xh + (r ⊙ h)·Uh)   h' = z ⊙ h + (1 − z) ⊙ ĥ
 * with hσ(a) = clip(0.2 a + 0.5, 0, 1), whose gradient TF.js passes where 0 ≤ 0.2 a + 0.5 ≤ 1.
 */
export const GRU_SEQUENCE = 'MtpGruSequence';
export const GRU_SEQUENCE_GRAD = 'MtpGruSequenceGrad';

/** Per step and example, what the backward pass needs: z and r before clipping, ĥ, h. */
const CACHED = 4;

interface GruAttrs {
  goBackwards: boolean;
}

export function registerGruSequenceKernels(): void {
  registerWasmKernel(GRU_SEQUENCE, gruSequenceForward);
  registerWasmKernel(GRU_SEQUENCE_GRAD, gruSequenceBackward);
}

/**
 * The hidden states [B, T, U] of a GRU over `proj` = x·W + b ([B, T, 3U]) with recurrent
 * kernel `rec` [U, 3U], from a zero state, in processing order (reversed when `goBackwards`,
 * as TF.js's RNN returns them). WASM backend only (the kernels are registered there).
 */
export function gruSequence(proj: tf.Tensor3D, rec: tf.Tensor2D, goBackwards: boolean) {
  const attrs = { goBackwards } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((p, r, save) => {
    const [hs, cache] = tf
      .engine()
      .runKernel(GRU_SEQUENCE, { proj: p as tf.Tensor, rec: r as tf.Tensor }, attrs) as [
      tf.Tensor3D,
      tf.Tensor,
    ];
    (save as tf.GradSaveFunc)([r as tf.Tensor, cache]);
    return {
      value: hs,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf
          .engine()
          .runKernel(
            GRU_SEQUENCE_GRAD,
            { dy, rec: saved[0], cache: saved[1] },
            attrs,
          ) as tf.Tensor[],
    };
  });
  return op(proj, rec) as tf.Tensor3D;
}

const hardSigmoid = (a: number) => (a < 0 ? 0 : a > 1 ? 1 : a);
const passes = (a: number) => (a >= 0 && a <= 1 ? 0.2 : 0);

/** Columns [from, from + width) of a row-major [rows, cols] matrix, as a new heap tensor. */
function columns(
  wasm: BackendWasm,
  m: tf.TensorInfo,
  from: number,
  width: number,
  transpose: boolean,
) {
  const [rows, cols] = m.shape;
  const out = wasm.makeOutput(transpose ? [1, width, rows] : [1, rows, width], 'float32');
  const src = f32(wasm, m);
  const dst = f32(wasm, out);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) {
      dst[transpose ? j * rows + i : i * width + j] = src[i * cols + from + j];
    }
  }
  return out;
}

const gruSequenceForward: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const proj = inputs.proj as tf.TensorInfo;
  const rec = inputs.rec as tf.TensorInfo;
  const { goBackwards } = attrs as unknown as GruAttrs;
  const [batch, steps, three] = proj.shape;
  const units = three / 3;
  const hs = wasm.makeOutput([batch, steps, units], 'float32');
  const cache = wasm.makeOutput([steps, batch, CACHED * units], 'float32');
  const recZR = columns(wasm, rec, 0, 2 * units, false);
  const recH = columns(wasm, rec, 2 * units, units, false);
  const h = wasm.makeOutput([1, batch, units], 'float32');
  const rh = wasm.makeOutput([1, batch, units], 'float32');
  f32(wasm, h).fill(0);
  for (let s = 0; s < steps; s++) {
    const t = goBackwards ? steps - 1 - s : s;
    const inner = matMul(wasm, h, recZR);
    // Views after the allocation: growing the heap detaches older ones.
    let pv = f32(wasm, proj);
    let hv = f32(wasm, h);
    let iv = f32(wasm, inner);
    let cv = f32(wasm, cache);
    const rhv = f32(wasm, rh);
    for (let b = 0; b < batch; b++) {
      const p0 = (b * steps + t) * three;
      const c0 = (s * batch + b) * CACHED * units;
      for (let j = 0; j < units; j++) {
        const aZ = 0.2 * (pv[p0 + j] + iv[b * 2 * units + j]) + 0.5;
        const aR = 0.2 * (pv[p0 + units + j] + iv[b * 2 * units + units + j]) + 0.5;
        cv[c0 + j] = aZ;
        cv[c0 + units + j] = aR;
        rhv[b * units + j] = hardSigmoid(aR) * hv[b * units + j];
      }
    }
    wasm.disposeData(inner.dataId);
    const recurrentH = matMul(wasm, rh, recH);
    pv = f32(wasm, proj);
    hv = f32(wasm, h);
    cv = f32(wasm, cache);
    iv = f32(wasm, recurrentH);
    const out = f32(wasm, hs);
    for (let b = 0; b < batch; b++) {
      const p0 = (b * steps + t) * three + 2 * units;
      const c0 = (s * batch + b) * CACHED * units;
      for (let j = 0; j < units; j++) {
        const z = hardSigmoid(cv[c0 + j]);
        const candidate = Math.tanh(pv[p0 + j] + iv[b * units + j]);
        const previous = hv[b * units + j];
        const next = z * previous + (1 - z) * candidate;
        cv[c0 + 2 * units + j] = candidate;
        cv[c0 + 3 * units + j] = previous;
        hv[b * units + j] = next;
        out[(b * steps + s) * units + j] = next;
      }
    }
    wasm.disposeData(recurrentH.dataId);
  }
  for (const t of [recZR, recH, h, rh]) wasm.disposeData(t.dataId);
  return [hs, cache];
};

const gruSequenceBackward: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const dy = inputs.dy as tf.TensorInfo;
  const rec = inputs.rec as tf.TensorInfo;
  const cache = inputs.cache as tf.TensorInfo;
  const { goBackwards } = attrs as unknown as GruAttrs;
  const [batch, steps, units] = dy.shape;
  const three = 3 * units;
  const rows = steps * batch;
  const dProj = wasm.makeOutput([batch, steps, three], 'float32');
  const dRec = wasm.makeOutput([units, three], 'float32');
  const recZRT = columns(wasm, rec, 0, 2 * units, true);
  const recHT = columns(wasm, rec, 2 * units, units, true);
  // Per step and example, for the recurrent kernel's gradient in two products at the end:
  // h and r ⊙ h transposed ([U, T·B]), and the gate gradients ([T·B, 2U] and [T·B, U]).
  const hT = wasm.makeOutput([1, units, rows], 'float32');
  const rhT = wasm.makeOutput([1, units, rows], 'float32');
  const gZR = wasm.makeOutput([1, rows, 2 * units], 'float32');
  const gH = wasm.makeOutput([1, rows, units], 'float32');
  const stepZR = wasm.makeOutput([1, batch, 2 * units], 'float32');
  const stepH = wasm.makeOutput([1, batch, units], 'float32');
  const dhNext = new Float32Array(batch * units);
  const dhPrevious = new Float32Array(batch * units);
  const dzGate = new Float32Array(batch * units);
  for (let s = steps - 1; s >= 0; s--) {
    const t = goBackwards ? steps - 1 - s : s;
    const dyv = f32(wasm, dy);
    let cv = f32(wasm, cache);
    let dpv = f32(wasm, dProj);
    const shv = f32(wasm, stepH);
    const ghv = f32(wasm, gH);
    for (let b = 0; b < batch; b++) {
      const c0 = (s * batch + b) * CACHED * units;
      for (let j = 0; j < units; j++) {
        const k = b * units + j;
        const dh = dyv[(b * steps + s) * units + j] + dhNext[k];
        const aZ = cv[c0 + j];
        const z = hardSigmoid(aZ);
        const candidate = cv[c0 + 2 * units + j];
        const previous = cv[c0 + 3 * units + j];
        const dCandidate = dh * (1 - z) * (1 - candidate * candidate);
        dzGate[k] = dh * (previous - candidate) * passes(aZ);
        dhPrevious[k] = dh * z;
        shv[k] = dCandidate;
        ghv[(s * batch + b) * units + j] = dCandidate;
        dpv[(b * steps + t) * three + 2 * units + j] = dCandidate;
      }
    }
    const dRh = matMul(wasm, stepH, recHT);
    cv = f32(wasm, cache);
    dpv = f32(wasm, dProj);
    const drv = f32(wasm, dRh);
    const szv = f32(wasm, stepZR);
    const gzv = f32(wasm, gZR);
    const htv = f32(wasm, hT);
    const rtv = f32(wasm, rhT);
    for (let b = 0; b < batch; b++) {
      const c0 = (s * batch + b) * CACHED * units;
      const row = s * batch + b;
      for (let j = 0; j < units; j++) {
        const k = b * units + j;
        const aR = cv[c0 + units + j];
        const r = hardSigmoid(aR);
        const previous = cv[c0 + 3 * units + j];
        const dR = drv[k] * previous * passes(aR);
        dhPrevious[k] += drv[k] * r;
        const dZ = dzGate[k];
        szv[b * 2 * units + j] = dZ;
        szv[b * 2 * units + units + j] = dR;
        gzv[row * 2 * units + j] = dZ;
        gzv[row * 2 * units + units + j] = dR;
        dpv[(b * steps + t) * three + j] = dZ;
        dpv[(b * steps + t) * three + units + j] = dR;
        htv[j * rows + row] = previous;
        rtv[j * rows + row] = r * previous;
      }
    }
    wasm.disposeData(dRh.dataId);
    const fromGates = matMul(wasm, stepZR, recZRT);
    const fv = f32(wasm, fromGates);
    for (let k = 0; k < batch * units; k++) dhNext[k] = dhPrevious[k] + fv[k];
    wasm.disposeData(fromGates.dataId);
  }
  const dZR = matMul(wasm, hT, gZR);
  const dH = matMul(wasm, rhT, gH);
  const zr = f32(wasm, dZR);
  const hh = f32(wasm, dH);
  const out = f32(wasm, dRec);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < 2 * units; j++) out[i * three + j] = zr[i * 2 * units + j];
    for (let j = 0; j < units; j++) out[i * three + 2 * units + j] = hh[i * units + j];
  }
  for (const m of [recZRT, recHT, hT, rhT, gZR, gH, stepZR, stepH, dZR, dH]) {
    wasm.disposeData(m.dataId);
  }
  return [dProj, dRec];
};
