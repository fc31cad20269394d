// Row helpers shared by the ops that work over the last dimension (LogSoftmax, CrossEntropyLoss).

/** log Σ_c exp(a[b + c]) over one row of K values, shifted by the row's max so exp never overflows. */
export function rowLogSumExp(a: ArrayLike<number>, b: number, K: number): number {
  let m = -Infinity;
  for (let c = 0; c < K; c++) if (a[b + c] > m) m = a[b + c];
  let s = 0;
  for (let c = 0; c < K; c++) s += Math.exp(a[b + c] - m);
  return m + Math.log(s);
}
