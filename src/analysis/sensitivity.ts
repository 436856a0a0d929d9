import { evaluate, type Network } from "../net/network.js";
import { datasetRow, type Dataset } from "../data/dataset.js";
import { analysisWasm, type AnalysisWasm } from "./wasm/analysis-wasm.js";

/**
 * Sensitivity (the authors' `sensitivity_calc`): n × the fraction of single-bit flips
 * x → x^(j) of the given points that change the prediction sgn g, for a (sub)network g.
 * Zero is its own sign, as in their comparison of torch.sign values.
 *
 * Fed one neuron at a time with its pre-activations h on the unflipped points, the
 * accumulator never evaluates a flipped point: flipping bit j moves h_i to
 * h_i − 2·x_j·W_ij, and no flip moves it by more than reach_i = 2·max_j|W_ij|. A neuron
 * that no flip can switch on is skipped; one that no flip can switch off contributes
 * linearly, u_i·h_i − 2·x_j·u_i·W_ij, gathered as Σ u_i W_ij (the input gradient); only
 * the neurons near their threshold take a ReLU per flip.
 *
 * Those ReLUs are the hot loop; with the WebAssembly kernel built (and
 * TWO_CIRCUITS_KERNEL not "typescript") its SIMD twin does them, giving the same bits.
 */
export class FlipSensitivity {
  /** g(x) on each point m. */
  private readonly base: Float64Array;
  /** Σ u_i h_i over the neurons that stay on under every flip of point m. */
  private readonly linear: Float64Array;
  /** Σ u_i W_ij over the same neurons: grad[m·n + j]. */
  private readonly grad: Float64Array;
  /** Σ u_i σ(h_i − 2x_jW_ij) over the neurons near their threshold at point m. */
  private readonly flipped: Float64Array;
  /** u_i·W_ij of the neuron being added. */
  private readonly uw: Float64Array;
  /** 2·x_j of every point, as float64, so the inner loop does not convert. */
  private readonly twoX: Float64Array;
  /** The points at which the neuron being added stays on under every flip, and those near its threshold. */
  private readonly onList: Int32Array;
  private readonly nearList: Int32Array;
  /** h at the points of nearList, and row i of W, for the wasm kernel. */
  private readonly nearH: Float64Array;
  private readonly wRow: Float64Array;
  /** The SIMD kernel, whose memory then holds every array above and a copy of `index`; null: the TypeScript loops. */
  private readonly kernel: AnalysisWasm | null;
  private readonly sums: KernelSums | null;

  /**
   * @param n input dimension
   * @param X the points, rows of n entries ±1
   * @param index index of each point in the `h` arrays that `add` will receive
   * @param wasm the SIMD kernel to use (null: the TypeScript loop); its memory running out also means the TypeScript loop
   */
  constructor(
    readonly n: number,
    X: Int8Array,
    private readonly index: Int32Array,
    wasm: AnalysisWasm | null = analysisWasm(),
  ) {
    const m = index.length;
    const sums = wasm === null ? null : kernelSums(wasm, m, n);
    this.kernel = sums === null ? null : wasm;
    this.sums = sums;
    sums?.index.set(index);
    this.base = sums?.base ?? new Float64Array(m);
    this.linear = sums?.linear ?? new Float64Array(m);
    this.grad = sums?.grad ?? new Float64Array(m * n);
    this.uw = sums?.uw ?? new Float64Array(n);
    this.flipped = sums?.flipped ?? new Float64Array(m * n);
    this.twoX = sums?.twoX ?? new Float64Array(m * n);
    this.wRow = sums?.w ?? new Float64Array(n);
    this.onList = sums?.onList ?? new Int32Array(m);
    this.nearList = sums?.nearList ?? new Int32Array(m);
    this.nearH = sums?.nearH ?? new Float64Array(m);
    for (let k = 0; k < m * n; k++) this.twoX[k] = 2 * X[k];
  }

  /** Whether the SIMD kernel does the flipped ReLUs. */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /** The sums accumulated so far (views, not copies): for the checks of the wasm kernel against the TypeScript loops. */
  accumulated(): { readonly base: Float64Array; readonly linear: Float64Array; readonly grad: Float64Array; readonly flipped: Float64Array } {
    return { base: this.base, linear: this.linear, grad: this.grad, flipped: this.flipped };
  }

  /** Forgets every neuron added: g ≡ 0 again, ready for another network. */
  reset(): void {
    this.base.fill(0);
    this.linear.fill(0);
    this.grad.fill(0);
    this.flipped.fill(0);
  }

  /** Adds neuron i of `net` to the subnetwork g. */
  add(net: Network, i: number, h: Float64Array): void {
    const { n, index, base, linear, grad, flipped, uw, twoX, onList, nearList, nearH, wRow, kernel, sums } = this;
    const u = net.u[i];
    const W = net.W;
    const row = i * n;
    let reach = 0;
    for (let j = 0; j < n; j++) {
      const v = W[row + j];
      uw[j] = u * v;
      wRow[j] = v;
      const a = Math.abs(v);
      if (a > reach) reach = a;
    }
    reach *= 2;
    const halfU = u * 0.5;
    if (sums !== null && kernel !== null && kernel.holds(h) && reach < 2 ** 1020 && halfU * 2 === u) {
      // Everything below, in the kernel, when h is in its memory (as sweepNeurons hands it for n = 33..40).
      kernel.flipAdd(h, sums.index, u, halfU, reach, sums, n);
      return;
    }
    // Sorted into the two kinds without a branch, so that the loops below do not branch on the sign of h (random from point to point).
    let on = 0;
    let near = 0;
    for (let m = 0; m < index.length; m++) {
      const hv = h[index[m]];
      const isOn = (hv - reach > 0) as unknown as number;
      onList[on] = m;
      on += isOn;
      nearList[near] = m;
      nearH[near] = hv;
      // Not "hv + reach > 0": a NaN h is near, as in the plain branch.
      near += ((hv + reach <= 0) as unknown as number) ^ 1 ^ isOn;
    }
    if (kernel !== null) {
      for (let k = 0; k < on; k++) {
        const m = onList[k];
        const c = u * h[index[m]];
        base[m] += c;
        linear[m] += c;
      }
      kernel.addRows(grad, uw, onList, on, n);
    } else {
      for (let k = 0; k < on; k++) {
        const m = onList[k];
        const c = u * h[index[m]];
        base[m] += c;
        linear[m] += c;
        addRow(grad, m * n, uw, n);
      }
    }
    // Near the threshold |h| ≤ reach, so every flipped pre-activation is at most 2·reach in size; below 2^1020 the
    // branch-free (u/2)·(v + |v|) is then exactly u·max(v, 0) when u/2 is exact (see addFlippedReLUs).
    if (reach < 2 ** 1020 && halfU * 2 === u && kernel !== null) {
      for (let k = 0; k < near; k++) {
        const hv = nearH[k];
        base[nearList[k]] += halfU * (hv + Math.abs(hv));
      }
      kernel.addFlippedReLUs(flipped, twoX, wRow, nearList, nearH, near, halfU, n);
    } else if (reach < 2 ** 1020 && halfU * 2 === u) {
      for (let k = 0; k < near; k++) {
        const m = nearList[k];
        const hv = h[index[m]];
        base[m] += halfU * (hv + Math.abs(hv));
        addFlippedReLUs(flipped, m * n, hv, twoX, W, row, halfU, n);
      }
    } else {
      for (let k = 0; k < near; k++) {
        const m = nearList[k];
        const hv = h[index[m]];
        base[m] += u * Math.max(hv, 0);
        addFlippedMaxReLUs(flipped, m * n, hv, twoX, W, row, u, n);
      }
    }
  }

  /** Number of flips of the points from..to−1 (of (to − from) × n) that change sgn g: g(x^(j)) = linear − 2x_j·grad_j + flipped_j. */
  changedFlips(from = 0, to = this.base.length): number {
    const { n, twoX, base, linear, grad, flipped } = this;
    let changed = 0;
    for (let m = from; m < to; m++) {
      const f = base[m];
      const s = f > 0 ? 1 : f < 0 ? -1 : 0;
      const o = m * n;
      for (let j = 0; j < n; j++) {
        const g = linear[m] - twoX[o + j] * grad[o + j] + flipped[o + j];
        if ((g > 0 ? 1 : g < 0 ? -1 : 0) !== s) changed++;
      }
    }
    return changed;
  }

  /** n × the fraction of flips of the points from..to−1 that change sgn g; NaN without points. */
  value(from = 0, to = this.base.length): number {
    const total = (to - from) * this.n;
    return total <= 0 ? NaN : (this.n * this.changedFlips(from, to)) / total;
  }
}

/** The accumulator's arrays in the wasm kernel's memory. */
interface KernelSums {
  readonly base: Float64Array;
  readonly linear: Float64Array;
  readonly grad: Float64Array;
  readonly uw: Float64Array;
  readonly flipped: Float64Array;
  readonly twoX: Float64Array;
  readonly w: Float64Array;
  readonly onList: Int32Array;
  readonly nearList: Int32Array;
  readonly nearH: Float64Array;
  readonly index: Int32Array;
}

/** The arrays of an accumulator of m points of n inputs, in the kernel's memory, or null when it is used up. */
function kernelSums(wasm: AnalysisWasm, m: number, n: number): KernelSums | null {
  const base = wasm.f64(m);
  const linear = wasm.f64(m);
  const grad = wasm.f64(m * n);
  const uw = wasm.f64(n);
  const flipped = wasm.f64(m * n);
  const twoX = wasm.f64(m * n);
  const w = wasm.f64(n);
  const onList = wasm.i32(m);
  const nearList = wasm.i32(m);
  const nearH = wasm.f64(m);
  const index = wasm.i32(m);
  if (!base || !linear || !grad || !uw || !flipped || !twoX || !w || !onList || !nearList || !nearH || !index) return null;
  return { base, linear, grad, uw, flipped, twoX, w, onList, nearList, nearH, index };
}

/** acc[o + j] += row[j] for j < n, unrolled by 4. */
export function addRow(acc: Float64Array, o: number, row: Float64Array, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    acc[o + j] += row[j];
    acc[o + j + 1] += row[j + 1];
    acc[o + j + 2] += row[j + 2];
    acc[o + j + 3] += row[j + 3];
  }
  for (; j < n; j++) acc[o + j] += row[j];
}

/**
 * acc[o + j] += u·σ(h − 2x_j·w_j) for j < n (x_j is twoX[o + j] / 2, w_j is w[wo + j]), computed as (u/2)·(v + |v|): for finite v below 2^1022 and u/2 exact
 * (checked by the caller), v + |v| = 2σ(v) exactly and the product is the same real number as u·σ(v), so it rounds
 * the same; and there is no branch on the sign of v. Unrolled by 4.
 */
export function addFlippedReLUs(acc: Float64Array, o: number, h: number, twoX: Float64Array, w: Float64Array, wo: number, halfU: number, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const a = h - twoX[o + j] * w[wo + j];
    const b = h - twoX[o + j + 1] * w[wo + j + 1];
    const c = h - twoX[o + j + 2] * w[wo + j + 2];
    const d = h - twoX[o + j + 3] * w[wo + j + 3];
    acc[o + j] += halfU * (a + Math.abs(a));
    acc[o + j + 1] += halfU * (b + Math.abs(b));
    acc[o + j + 2] += halfU * (c + Math.abs(c));
    acc[o + j + 3] += halfU * (d + Math.abs(d));
  }
  for (; j < n; j++) {
    const a = h - twoX[o + j] * w[wo + j];
    acc[o + j] += halfU * (a + Math.abs(a));
  }
}

/** The same with σ = max(v, 0), for weights too large (or u too small) for the branch-free form. */
function addFlippedMaxReLUs(acc: Float64Array, o: number, h: number, twoX: Float64Array, w: Float64Array, wo: number, u: number, n: number): void {
  for (let j = 0; j < n; j++) acc[o + j] += u * Math.max(h - twoX[o + j] * w[wo + j], 0);
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
