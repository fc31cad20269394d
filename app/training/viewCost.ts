// What showing a snapshot costs the page (main-thread ms: storing it, drawing the labels), so the client can space its
// pulls: on a slow machine or a big graph the view takes fewer snapshots rather than more of the CPU training needs.
let pending = 0;
let average = 0;

export const viewCost = {
  /** Time the view just spent on the latest snapshot (the store's ingest, a label redraw). */
  add(ms: number): void {
    pending += ms;
  },
  /** A new snapshot arrives: what was spent since the previous one is that snapshot's cost (smoothed). */
  next(): void {
    average = average === 0 ? pending : 0.7 * average + 0.3 * pending;
    pending = 0;
  },
  /** Smoothed main-thread ms per snapshot. */
  get perSnapshotMs(): number {
    return average;
  },
  reset(): void {
    pending = 0;
    average = 0;
  },
};
