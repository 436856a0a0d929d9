import { evaluate, type Network } from "../net/network.js";
import { datasetRow, type Dataset } from "../data/dataset.js";

/**
 * Sensitivity (the authors' `sensitivity_calc`): n × the fraction of single-bit flips
 * x → x^(j) of the given points that change the prediction sgn g, for a (sub)network g.
 * Zero is its own sign, as in their comparison of torch.sign values.
 *
 * Fed one neuron at a time with its pre-activations h on the unflipped points, the
 * accumulator never evaluates a flipped point: flipping bit j moves h_i to
 * h_i − 2·x_j·W_ij, and no flip moves it by more than 2·max_j|W_ij|. A neuron that no
 * flip can switch on is skipped; one that no flip can switch off contributes linearly,
 * u_i·h_i − 2·x_j·u_i·W_ij, gathered as Σ u_i W_ij (the input gradient); only the
 * neurons near their threshold take a ReLU per flip. ReLUs are computed branch-free as
 * (v + |v|)/2, which is exact.
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
  private readonly uw: Float64Array;
  private readonly w: Float64Array;
  /** 2·x_j of every point, as float64, so the inner loop does not convert. */
  private readonly twoX: Float64Array;

  /**
   * @param n input dimension
   * @param X the points, rows of n entries ±1
   * @param index index of each point in the `h` arrays that `add` will receive
   */
  constructor(
    readonly n: number,
    X: Int8Array,
    private readonly index: Int32Array,
  ) {
    const m = index.length;
    this.base = new Float64Array(m);
    this.linear = new Float64Array(m);
    this.grad = new Float64Array(m * n);
    this.flipped = new Float64Array(m * n);
    this.uw = new Float64Array(n);
    this.w = new Float64Array(n);
    this.twoX = new Float64Array(m * n);
    for (let k = 0; k < m * n; k++) this.twoX[k] = 2 * X[k];
  }

  /** Adds neuron i of `net` to the subnetwork g. */
  add(net: Network, i: number, h: Float64Array): void {
    const { n, index, base, linear, grad, flipped, uw, w, twoX } = this;
    const u = net.u[i];
    const row = i * n;
    let reach = 0;
    for (let j = 0; j < n; j++) {
      const v = net.W[row + j];
      w[j] = v;
      uw[j] = u * v;
      const a = Math.abs(v);
      if (a > reach) reach = a;
    }
    reach *= 2;
    for (let m = 0; m < index.length; m++) {
      const hv = h[index[m]];
      if (hv + reach <= 0) continue;
      const o = m * n;
      if (hv - reach > 0) {
        const c = u * hv;
        base[m] += c;
        linear[m] += c;
        addRow(grad, o, uw, n);
      } else {
        base[m] += u * Math.max(hv, 0);
        addFlippedReLUs(flipped, o, hv, twoX, w, u, n);
      }
    }
  }

  /** Number of flips of the points from..to−1 (of (to − from) × n) that change sgn g. */
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

/** acc[o + j] += row[j] for j < n, unrolled by 4. */
function addRow(acc: Float64Array, o: number, row: Float64Array, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    acc[o + j] += row[j];
    acc[o + j + 1] += row[j + 1];
    acc[o + j + 2] += row[j + 2];
    acc[o + j + 3] += row[j + 3];
  }
  for (; j < n; j++) acc[o + j] += row[j];
}

/** acc[o + j] += u·σ(h − 2x_j·w_j) for j < n; unrolled by 2. */
function addFlippedReLUs(acc: Float64Array, o: number, h: number, twoX: Float64Array, w: Float64Array, u: number, n: number): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const a = h - twoX[o + j] * w[j];
    const b = h - twoX[o + j + 1] * w[j + 1];
    acc[o + j] += u * Math.max(a, 0);
    acc[o + j + 1] += u * Math.max(b, 0);
  }
  for (; j < n; j++) {
    const a = h - twoX[o + j] * w[j];
    acc[o + j] += u * Math.max(a, 0);
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
