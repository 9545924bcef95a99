/**
 * p = softmax(z / T) over each row of `classes` logits, computed stably (each row's largest logit
 * is subtracted first). Writes into `out` (float32 unless given).
 */
export function softmaxRows<T extends Float32Array | Float64Array = Float32Array>(
  logits: ArrayLike<number>,
  classes: number,
  temperature: number,
  out: T = new Float32Array(logits.length) as T,
): T {
  for (let r = 0; r < logits.length / classes; r++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[r * classes + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp((logits[r * classes + c] - max) / temperature);
      out[r * classes + c] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) out[r * classes + c] /= sum;
  }
  return out;
}

/** One distribution p = softmax(z / T), in double precision. */
export function softmaxAt(logits: ArrayLike<number>, temperature: number): number[] {
  return Array.from(
    softmaxRows(logits, logits.length, temperature, new Float64Array(logits.length)),
  );
}

/** Shannon entropy H(p) = −Σ pᵢ log₂ pᵢ in bits: 0 for a sure answer, log₂ C for a uniform one. */
export function entropyBits(p: readonly number[]): number {
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log2(v);
  return h;
}
