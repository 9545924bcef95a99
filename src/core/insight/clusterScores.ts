/**
 * How well a clustering matches a labelling. Rows whose label is negative (padding, no label)
 * are left out of both scores.
 */
function contingency(clusters: ArrayLike<number>, labels: ArrayLike<number>) {
  const table = new Map<number, Map<number, number>>();
  const clusterSizes = new Map<number, number>();
  const labelSizes = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < clusters.length; i++) {
    const l = labels[i];
    if (l < 0) continue;
    const c = clusters[i];
    n++;
    let row = table.get(c);
    if (!row) table.set(c, (row = new Map()));
    row.set(l, (row.get(l) ?? 0) + 1);
    clusterSizes.set(c, (clusterSizes.get(c) ?? 0) + 1);
    labelSizes.set(l, (labelSizes.get(l) ?? 0) + 1);
  }
  return { table, clusterSizes, labelSizes, n };
}

/** Purity: each cluster votes for its most common label; the share of rows that agree. */
export function purity(clusters: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { table, n } = contingency(clusters, labels);
  if (n === 0) return Number.NaN;
  let agree = 0;
  for (const row of table.values()) agree += Math.max(...row.values());
  return agree / n;
}

const entropy = (sizes: Map<number, number>, n: number) => {
  let h = 0;
  for (const s of sizes.values()) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
};

/**
 * Normalised mutual information, I(C; L) / ((H(C) + H(L)) / 2) — the arithmetic normalisation
 * (scikit-learn's default). 1 when the clusters are the classes up to renaming; near 0 when
 * they are independent. Two single-valued partitions agree perfectly: 1.
 */
export function nmi(clusters: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { table, clusterSizes, labelSizes, n } = contingency(clusters, labels);
  if (n === 0) return Number.NaN;
  const hc = entropy(clusterSizes, n);
  const hl = entropy(labelSizes, n);
  if (hc === 0 && hl === 0) return 1;
  let mi = 0;
  for (const [c, row] of table) {
    for (const [l, count] of row) {
      mi += (count / n) * Math.log((n * count) / (clusterSizes.get(c)! * labelSizes.get(l)!));
    }
  }
  return Math.max(0, Math.min(1, mi / ((hc + hl) / 2)));
}
