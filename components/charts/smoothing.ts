/**
 * Exponential moving average with debiasing (as TensorBoard's and W&B's smoothing), so the
 * smoothed line starts at the first value instead of at zero. Non-finite values pass through
 * as gaps and do not poison the average.
 */
export function emaSmooth(values: (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}
