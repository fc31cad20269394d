// The PyTorch half of an op definition. Owned by the exporter (engine/export/); filled in per op file.
// Placeholder until the exporter lands.
export interface TorchSpelling<A> {
  readonly __attrs?: A;
}
