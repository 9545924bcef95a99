export interface XY {
  x: number;
  y: number;
}

/**
 * At most `maxPoints` of a curve for drawing: the points are cut into buckets and each bucket keeps
 * its lowest and highest point (in x order), so spikes survive; the first and last points stay.
 * Drawing cost then no longer grows with the length of the run.
 */
export function downsampleMinMax(data: readonly XY[], maxPoints: number): XY[] {
  if (data.length <= maxPoints || maxPoints < 4) return [...data];
  const inner = data.length - 2;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out: XY[] = [data[0]];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (data[i].y < data[lo].y) lo = i;
      if (data[i].y > data[hi].y) hi = i;
    }
    if (lo === hi) out.push(data[lo]);
    else out.push(data[Math.min(lo, hi)], data[Math.max(lo, hi)]);
  }
  out.push(data[data.length - 1]);
  return out;
}
