import { evaluate, type Network } from "../net/network.js";
import { datasetRow, type Dataset } from "../data/dataset.js";
import { analysisWasm, type AnalysisWasm } from "./wasm/analysis-wasm.js";
import { acquireFlipScratch, flipBuffers, heapAlloc, releaseFlipScratch, type FlipBuffers } from "./wasm/flip-scratch.js";

/** Inputs j per chunk of the chunk-major weight arrays. */
const LANES = 8;

/**
 * Sensitivity (the authors' `sensitivity_calc`): n × the fraction of single-bit flips
 * x → x^(j) of the given points that change the prediction sgn g, for a (sub)network g.
 * Zero is its own sign, as in their comparison of torch.sign values.
 *
 * No flipped point is ever evaluated from scratch. Flipping bit j moves the pre-activation
 * h_i to h_i − 2·x_j·W_ij, and no flip moves it by more than reach_i = 2·max_j |W_ij|. At a
 * point m a neuron is then
 * - off: no flip switches it on (h_i + reach_i ≤ 0), and it adds nothing;
 * - on: no flip switches it off (h_i − reach_i > 0), and it adds u_i·h_i − 2x_j·u_i·W_ij,
 *   gathered into lin = Σ u_i h_i and grad_j = Σ u_i W_ij;
 * - near its threshold otherwise, and it adds u_i·max(h_i − 2x_j·W_ij, 0), summed into
 *   flipped_j;
 * so that g(x^(j)) = lin − 2x_j·grad_j + flipped_j, each sum taken over the neurons in
 * the pruning order.
 *
 * Used once per network: `begin` with the network and its pruning order, `record` each
 * neuron's pre-activations as the sweep of the hidden layer hands them over, then
 * `changedFlips` for each subnetwork (a list of ranks), then `end`. With the WebAssembly
 * kernel built (and TWO_CIRCUITS_KERNEL not "typescript") the counting runs in
 * assembly/flip-counts.ts: in float32, four flips at a time, wherever a rigorous error
 * bound settles the sign, and in float64 operation for operation as flipCountsTypeScript,
 * its twin, wherever it does not. Both give the same counts.
 */
export class FlipSensitivity {
  /** Number of points whose flips are counted. */
  readonly M: number;
  private readonly chunks: number;
  private readonly twoX: Float64Array;
  private own: FlipBuffers | null = null;
  private current: FlipBuffers | null = null;
  private inKernel = false;
  /** Whether the kernel's float32 pass is safe for the current network (flipWeights). */
  private safe = false;

  /**
   * @param n input dimension
   * @param X the points, rows of n entries ±1
   * @param index index of each point in the `h` arrays that `record` will receive
   * @param kernel the SIMD kernel to use (null: TypeScript only); if its memory runs out, TypeScript too
   */
  constructor(
    readonly n: number,
    X: Int8Array,
    private readonly index: Int32Array,
    private readonly kernel: AnalysisWasm | null = analysisWasm(),
  ) {
    this.M = index.length;
    this.chunks = Math.ceil(n / LANES);
    const lanes = this.chunks * LANES;
    this.twoX = new Float64Array(this.M * lanes);
    for (let m = 0; m < this.M; m++) for (let j = 0; j < n; j++) this.twoX[m * lanes + j] = 2 * X[m * n + j];
  }

  /** Whether the SIMD kernel counts the flips of the current network (it holds the buffers, and float32 is safe for the weights). */
  get simd(): boolean {
    return this.inKernel && this.safe;
  }

  /** Starts a network whose neurons will be recorded by rank: order[r] is the neuron of rank r. */
  begin(net: Network, order: ArrayLike<number>): void {
    const { n, M, chunks } = this;
    if (net.n !== n) throw new RangeError(`network has n = ${net.n}, the points ${n}`);
    this.end();
    const p = net.p;
    const scratch = this.kernel === null ? null : acquireFlipScratch(this.kernel, M, p, chunks);
    this.inKernel = scratch !== null;
    if (scratch === null && (this.own === null || this.own.p !== p)) this.own = flipBuffers(heapAlloc, M, p, chunks)!;
    const b = scratch ?? this.own!;
    this.current = b;
    if (b.filledBy !== this) {
      b.twoX.set(this.twoX);
      b.twoX32.set(this.twoX);
      b.index.set(this.index);
      b.filledBy = this;
    }
    b.srcW.set(net.W.subarray(0, p * n));
    b.srcU.set(net.u.subarray(0, p));
    b.srcB.set(net.b.subarray(0, p));
    for (let r = 0; r < p; r++) b.order[r] = order[r];
    if (scratch !== null) {
      this.safe = this.kernel!.flipWeights(b, n);
      return;
    }
    // What the twin needs: u and reach = 2·max_j |W_j| by rank (a NaN weight is skipped, as in flipWeights).
    this.safe = false;
    for (let r = 0; r < p; r++) {
      const i = order[r];
      let reach = 0;
      for (let j = 0; j < n; j++) {
        const a = Math.abs(net.W[i * n + j]);
        if (a > reach) reach = a;
      }
      b.U[r] = net.u[i];
      b.R[r] = 2 * reach;
    }
  }

  /** Records the pre-activations h (one per point of the sweep) of the neuron of rank r. */
  record(rank: number, h: Float64Array): void {
    const { M, index } = this;
    const b = this.current!;
    if (this.inKernel && this.kernel!.holds(h)) {
      this.kernel!.flipRecord(b, h, rank);
      return;
    }
    const H = b.H;
    const p = b.p;
    for (let m = 0; m < M; m++) H[m * p + rank] = h[index[m]];
  }

  /**
   * For each point, how many of its n flips change the sign of the subnetwork made of the
   * neurons of the given ranks (ascending). The array is reused by the next call.
   * `typescript` forces the twin; `margin` Infinity makes the kernel compute every flip in
   * float64, so that `flippedOutputs` holds them all.
   */
  changedFlips(ranks: ArrayLike<number>, opts: { readonly typescript?: boolean; readonly margin?: number } = {}): Int32Array {
    const b = this.current;
    if (b === null) throw new Error("changedFlips before begin");
    for (let t = 0; t < ranks.length; t++) b.ranks[t] = ranks[t];
    if (this.inKernel && this.safe && !opts.typescript) {
      this.kernel!.flipCounts(b, this.n, ranks.length, opts.margin ?? 1);
      return b.counts;
    }
    flipCountsTypeScript(b, this.n, ranks.length);
    return b.counts;
  }

  /** g(x^(j)) of the last count, point-major in rows of 8·⌈n/8⌉: every flip after the twin, those computed in float64 after the kernel. */
  flippedOutputs(): Float64Array {
    return this.current!.values;
  }

  /** Ends the current network, handing the kernel's buffers back. */
  end(): void {
    if (this.inKernel) releaseFlipScratch();
    this.inKernel = false;
    this.current = null;
  }
}

/** n × the fraction of changed flips among the points from..to−1; NaN without points. */
export function sensitivityOf(counts: Int32Array, from: number, to: number): number {
  if (to <= from) return NaN;
  let changed = 0;
  for (let m = from; m < to; m++) changed += counts[m];
  return changed / (to - from);
}

const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/**
 * The counting in TypeScript: the reference for assembly/flip-counts.ts, whose float64
 * path performs these operations in this order for every flip it does not decide by
 * float32. For each point: sort the subnetwork's neurons into on, near and off (see
 * FlipSensitivity), then for each chunk of 8 inputs sum grad_j and flipped_j over them.
 */
export function flipCountsTypeScript(b: FlipBuffers, n: number, count: number): void {
  const { M, p, chunks, H, twoX, U, R, srcW, order, ranks, onList, nearList, counts, values } = b;
  const lanes = chunks * LANES;
  const grad = new Float64Array(LANES);
  const flipped = new Float64Array(LANES);
  for (let m = 0; m < M; m++) {
    const hRow = m * p;
    let base = 0;
    let lin = 0;
    let on = 0;
    let near = 0;
    for (let t = 0; t < count; t++) {
      const r = ranks[t];
      const h = H[hRow + r];
      const reach = R[r];
      const u = U[r];
      if (h - reach > 0) {
        const c = u * h;
        base += c;
        lin += c;
        onList[on++] = r;
      } else if (!(h + reach <= 0)) {
        base += u * Math.max(h, 0);
        nearList[near++] = r;
      }
    }
    const s = sgn(base);
    let changed = 0;
    for (let c = 0; c < chunks; c++) {
      const xo = m * lanes + c * LANES;
      const width = Math.min(LANES, n - c * LANES);
      grad.fill(0);
      flipped.fill(0);
      for (let k = 0; k < on; k++) {
        const r = onList[k];
        const u = U[r];
        const w = order[r] * n + c * LANES;
        for (let t = 0; t < width; t++) grad[t] += u * srcW[w + t];
      }
      for (let k = 0; k < near; k++) {
        const r = nearList[k];
        const h = H[hRow + r];
        const u = U[r];
        const w = order[r] * n + c * LANES;
        for (let t = 0; t < width; t++) flipped[t] += u * Math.max(h - twoX[xo + t] * srcW[w + t], 0);
      }
      for (let t = 0; t < width; t++) {
        const v = lin - twoX[xo + t] * grad[t] + flipped[t];
        values[xo + t] = v;
        if (sgn(v) !== s) changed++;
      }
    }
    counts[m] = changed;
  }
}

/** Sensitivity of a whole network on `data`, by plain evaluation of every flipped point: the reference. */
export function sensitivity(net: Network, data: Dataset): number {
  const { n } = data;
  if (data.size === 0) return NaN;
  let changed = 0;
  const x = new Int8Array(n);
  const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);
  for (let r = 0; r < data.size; r++) {
    x.set(datasetRow(data, r));
    const s = sgn(evaluate(net, x));
    for (let j = 0; j < n; j++) {
      x[j] = -x[j];
      if (sgn(evaluate(net, x)) !== s) changed++;
      x[j] = -x[j];
    }
  }
  return (n * changed) / (data.size * n);
}
