// The GPU half of an op definition. Owned by the WebGPU executor (engine/webgpu/); filled in per op file.
// Placeholder until the WebGPU executor lands: it will describe the WGSL forward/backward of an op.
export interface WgslKernels<A> {
  /** Marker so the type is not empty; replaced by the real description. */
  readonly __attrs?: A;
}
