import type { Network } from "../../net/network.js";
import { heapMemory, type KernelMemory } from "./kernel-memory.js";

/** Neuron counts are padded to a multiple of this with zero neurons (W, b, u = 0: h = 0, no gradient, they stay 0). */
export const NEURON_ALIGN = 4;

export function paddedWidth(p: number): number {
  return Math.ceil(p / NEURON_ALIGN) * NEURON_ALIGN;
}

/** out[c·outStride + r] = a·A[r·inStride + c] for r < rows, c < cols, in tiles that stay in cache. */
export function transpose(A: Float64Array, rows: number, cols: number, inStride: number, out: Float64Array, outStride: number, a: number): void {
  const TILE = 16;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let c = c0; c < c1; c++) for (let r = r0; r < r1; r++) out[c * outStride + r] = a * A[r * inStride + c];
    }
  }
}

/**
 * The network θ = α·θ̃ held with one global scale α, so that coupled weight decay
 * (θ ← (1 − ηλ)θ − η∇, the same factor for W, b and u) costs one multiplication per step
 * instead of a pass over all parameters. The network is homogeneous in θ (ReLU is positively
 * homogeneous and there is no output bias): h = α·h̃ and f = α²·f̃, so the ReLU pattern
 * is that of θ̃ and only the hinge test needs α.
 *
 * W̃ is stored transposed (column j of W contiguous, WT[j·P + i] = W̃_ij, P = p padded)
 * so that the signed column sums of ±1 inputs run over contiguous memory.
 */
export class ScaledNetwork {
  readonly n: number;
  readonly p: number;
  /** p padded to a multiple of NEURON_ALIGN. */
  readonly P: number;
  readonly WT: Float64Array;
  readonly b: Float64Array;
  readonly u: Float64Array;
  alpha = 1;

  constructor(net: Network, mem: KernelMemory = heapMemory) {
    const { n, p, W } = net;
    this.n = n;
    this.p = p;
    this.P = paddedWidth(p);
    this.WT = mem.f64(n * this.P).fill(0);
    this.b = mem.f64(this.P).fill(0);
    this.u = mem.f64(this.P).fill(0);
    if (this.b.length < this.P) return; // a counting memory: nothing to fill
    transpose(W, p, n, n, this.WT, this.P, 1);
    this.b.set(net.b);
    this.u.set(net.u);
  }

  /** Folds α into θ̃ (α becomes 1): keeps α away from underflow and is needed when 1 − ηλ ≤ 0. */
  renormalise(): void {
    const a = this.alpha;
    if (a === 1) return;
    for (const arr of [this.WT, this.b, this.u]) for (let k = 0; k < arr.length; k++) arr[k] *= a;
    this.alpha = 1;
  }

  /** Writes θ = α·θ̃ into `net` (row-major W). */
  writeTo(net: Network): void {
    const { n, p, P, WT, alpha: a } = this;
    transpose(WT, n, p, P, net.W, n, a);
    for (let i = 0; i < p; i++) {
      net.b[i] = a * this.b[i];
      net.u[i] = a * this.u[i];
    }
  }
}
