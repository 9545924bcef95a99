/** A gate puts more than this share on one expert on average: it has collapsed onto it. */
export const COLLAPSE_SHARE = 0.9;

/** Mean gate weight per expert over rows of [rows × experts] softmax outputs. */
export function meanGateWeights(gates: ArrayLike<number>, experts: number): number[] {
  const rows = Math.floor(gates.length / experts);
  const mean = new Array<number>(experts).fill(0);
  for (let r = 0; r < rows; r++)
    for (let e = 0; e < experts; e++) mean[e] += gates[r * experts + e];
  return rows > 0 ? mean.map((v) => v / rows) : mean;
}

/** The expert a gate has collapsed onto, or null while it still mixes. */
export function collapsedExpert(mean: readonly number[]): number | null {
  const top = mean.indexOf(Math.max(...mean));
  return mean.length > 1 && mean[top] > COLLAPSE_SHARE ? top : null;
}
