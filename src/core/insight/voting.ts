/**
 * Ensembles of classifiers on plain arrays. Each member gives row-major probabilities
 * [rows × classes] (for tagging, a row is a token).
 */

/** Soft voting: the mean of the members' probabilities. */
export function softVote(members: readonly ArrayLike<number>[]): Float32Array {
  const size = members[0]?.length ?? 0;
  const out = new Float32Array(size);
  for (const m of members) {
    if (m.length !== size) throw new Error('Ensemble members disagree on the number of outputs.');
    for (let i = 0; i < size; i++) out[i] += m[i] / members.length;
  }
  return out;
}

/** The largest entry of each row (first one on ties). */
export function argMaxRows(probs: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(probs.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if (probs[r * classes + c] > probs[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * Hard voting: each member votes for its argmax; the class with the most votes wins. A tie
 * goes to the tied class with the highest summed probability (then the lowest class id), so
 * two members that disagree fall back on the more confident one.
 */
export function hardVote(members: readonly ArrayLike<number>[], classes: number): Int32Array {
  const votes = members.map((m) => argMaxRows(m, classes));
  const rows = votes[0]?.length ?? 0;
  const out = new Int32Array(rows);
  const count = new Int32Array(classes);
  const mass = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    count.fill(0);
    mass.fill(0);
    for (let j = 0; j < members.length; j++) {
      count[votes[j][r]]++;
      for (let c = 0; c < classes; c++) mass[c] += members[j][r * classes + c];
    }
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (count[c] > count[best] || (count[c] === count[best] && mass[c] > mass[best])) best = c;
    }
    out[r] = best;
  }
  return out;
}
