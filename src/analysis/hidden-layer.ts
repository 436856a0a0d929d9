import type { Network } from "../net/network.js";
import { analysisWasm } from "./wasm/analysis-wasm.js";
import { acquirePairScratch, releasePairScratch } from "./wasm/pair-scratch.js";

/**
 * The hidden layer of f(x) = uᵀσ(Wx + b) on a whole set of points of {±1}^n, fast.
 *
 * Inputs are ±1, so W_i·x is a signed sum of the row W_i. The n input bits are cut into
 * groups of 8; for one neuron, a table holds the partial sum Σ_t ±W_{i,8g+t} for each of
 * the 256 values of group g (the bias is folded into group 0). A pre-activation is then
 * ⌈n/8⌉ table reads instead of n multiply-adds. Tables are built one neuron at a time
 * (10 KB for n = 40, so they stay in L1 while every point reads them); the points are
 * packed once per dataset. For n = 33..40 the wasm kernel (assembly/analysis-kernel.ts)
 * does two neurons at once with the same operations, unless TWO_CIRCUITS_KERNEL=typescript.
 */
export const GROUP_BITS = 8;
const GROUP_SIZE = 1 << GROUP_BITS;

/** Points of {±1}^n packed as one byte per group of 8 bits: bit t of code g is set when x_{8g+t} = +1. */
export interface PackedInputs {
  readonly n: number;
  readonly size: number;
  readonly groupCount: number;
  /** groupCount × size, group-major: codes[g * size + r]. */
  readonly codes: Uint8Array;
}

export function packInputs(X: Int8Array, n: number, size: number): PackedInputs {
  const groupCount = Math.ceil(n / GROUP_BITS);
  const codes = new Uint8Array(groupCount * size);
  for (let r = 0; r < size; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) {
      if (X[o + j] > 0) codes[(j >> 3) * size + r] |= 1 << (j & 7);
    }
  }
  return { n, size, groupCount, codes };
}

/** The tables of partial sums of one neuron; reused from neuron to neuron. */
export class NeuronTable {
  readonly values: Float64Array;

  constructor(readonly n: number) {
    this.values = new Float64Array(Math.ceil(n / GROUP_BITS) * GROUP_SIZE);
  }

  /** Fills the tables for neuron i of `net`: values[g·256 + v] = Σ_t (bit t of v ? +1 : −1)·W_{i,8g+t}, plus b_i in group 0. */
  fill(net: Network, i: number): void {
    const { n, W } = net;
    const T = this.values;
    const row = i * n;
    for (let g = 0, base = 0; g * GROUP_BITS < n; g++, base += GROUP_SIZE) {
      const first = row + g * GROUP_BITS;
      const width = Math.min(GROUP_BITS, n - g * GROUP_BITS);
      let all = g === 0 ? net.b[i] : 0;
      for (let t = 0; t < width; t++) all -= W[first + t];
      T[base] = all;
      // Entries v < 2^t are done; setting bit t turns −W into +W for input t: one add per entry.
      for (let t = 0; t < width; t++) {
        const flip = 2 * W[first + t];
        const half = 1 << t;
        for (let v = 0; v < half; v++) T[base + half + v] = T[base + v] + flip;
      }
    }
  }
}

/** out[r] = W_i·x_r + b_i for every packed point r; `table` must have been filled for neuron i. */
export function neuronPreActivations(table: NeuronTable, points: PackedInputs, out: Float64Array): void {
  const { groupCount } = points;
  // Up to five groups per pass over the points, so that n ≤ 40 (the paper's) takes one pass and n ≤ 64 two.
  for (let g = 0; g < groupCount; g += 5) gatherGroups(table.values, points, g, Math.min(5, groupCount - g), out);
}

function gatherGroups(T: Float64Array, points: PackedInputs, first: number, count: number, out: Float64Array): void {
  const { size, codes } = points;
  const c0 = first * size;
  const c1 = c0 + size;
  const c2 = c1 + size;
  const c3 = c2 + size;
  const t0 = first * GROUP_SIZE;
  const t1 = t0 + GROUP_SIZE;
  const t2 = t1 + GROUP_SIZE;
  const t3 = t2 + GROUP_SIZE;
  const c4 = c3 + size;
  const t4 = t3 + GROUP_SIZE;
  if (count === 5) {
    for (let r = 0; r < size; r++) out[r] = (first === 0 ? 0 : out[r]) + (T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]] + T[t2 + codes[c2 + r]] + T[t3 + codes[c3 + r]] + T[t4 + codes[c4 + r]]);
    return;
  }
  if (first === 0) {
    switch (count) {
      case 1:
        for (let r = 0; r < size; r++) out[r] = T[t0 + codes[c0 + r]];
        return;
      case 2:
        for (let r = 0; r < size; r++) out[r] = T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]];
        return;
      case 3:
        for (let r = 0; r < size; r++) out[r] = T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]] + T[t2 + codes[c2 + r]];
        return;
      default:
        for (let r = 0; r < size; r++) out[r] = T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]] + T[t2 + codes[c2 + r]] + T[t3 + codes[c3 + r]];
        return;
    }
  }
  switch (count) {
    case 1:
      for (let r = 0; r < size; r++) out[r] += T[t0 + codes[c0 + r]];
      return;
    case 2:
      for (let r = 0; r < size; r++) out[r] += T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]];
      return;
    case 3:
      for (let r = 0; r < size; r++) out[r] += T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]] + T[t2 + codes[c2 + r]];
      return;
    default:
      for (let r = 0; r < size; r++) out[r] += T[t0 + codes[c0 + r]] + T[t1 + codes[c1 + r]] + T[t2 + codes[c2 + r]] + T[t3 + codes[c3 + r]];
  }
}

/**
 * Visits the neurons in `order`, handing each one's pre-activations on every point to
 * `visit(neuron, rank, h)`. `h` is reused: read it before returning.
 */
export function sweepNeurons(net: Network, order: ArrayLike<number>, points: PackedInputs, visit: (neuron: number, rank: number, h: Float64Array) => void): void {
  if (points.n !== net.n) throw new RangeError(`points have n = ${points.n}, the network ${net.n}`);
  const wasm = points.groupCount === 5 ? analysisWasm() : null;
  const scratch = wasm === null ? null : acquirePairScratch(wasm, points.size, net.n);
  if (wasm === null || scratch === null) {
    sweepNeuronsTypeScript(net, order, points, visit);
    return;
  }
  try {
    const { n, W, b } = net;
    const { size } = points;
    const { offsets, w } = scratch;
    pairOffsets(points, offsets);
    const h = scratch.h.subarray(0, size);
    const h2 = scratch.h2.subarray(0, size);
    let r = 0;
    for (; r + 2 <= order.length; r += 2) {
      const i = order[r];
      const i2 = order[r + 1];
      // Copied element by element: two subarray views per pair cost more than the copy.
      for (let j = 0, a = i * n, c = i2 * n; j < n; j++) {
        w[j] = W[a + j];
        w[n + j] = W[c + j];
      }
      wasm.preActivationPair5(w, b[i], b[i2], n, offsets, size, h, h2);
      visit(i, r, h);
      visit(i2, r + 1, h2);
    }
    if (r < order.length) {
      const table = new NeuronTable(n);
      const last = new Float64Array(size);
      table.fill(net, order[r]);
      neuronPreActivations(table, points, last);
      visit(order[r], r, last);
    }
  } finally {
    releasePairScratch();
  }
}

/** The points of five groups as the pair kernel reads them: the byte offsets (256·g + code)·16 of their entries in its interleaved tables. */
function pairOffsets(points: PackedInputs, out: Uint16Array): void {
  const { size, codes } = points;
  for (let g = 0; g < 5; g++) for (let r = 0; r < size; r++) out[g * size + r] = (256 * g + codes[g * size + r]) * 16;
}

/** sweepNeurons in TypeScript only: the reference for the wasm kernel. */
export function sweepNeuronsTypeScript(net: Network, order: ArrayLike<number>, points: PackedInputs, visit: (neuron: number, rank: number, h: Float64Array) => void): void {
  if (points.n !== net.n) throw new RangeError(`points have n = ${points.n}, the network ${net.n}`);
  const table = new NeuronTable(net.n);
  const h = new Float64Array(points.size);
  let r = 0;
  if (points.groupCount === 5) {
    // n = 33..40 (the paper's 40): two neurons per pass over the points, which reads each point's codes once for both.
    const second = new NeuronTable(net.n);
    const h2 = new Float64Array(points.size);
    for (; r + 2 <= order.length; r += 2) {
      table.fill(net, order[r]);
      second.fill(net, order[r + 1]);
      gatherPair5(table.values, second.values, points, h, h2);
      visit(order[r], r, h);
      visit(order[r + 1], r + 1, h2);
    }
  }
  for (; r < order.length; r++) {
    const i = order[r];
    table.fill(net, i);
    neuronPreActivations(table, points, h);
    visit(i, r, h);
  }
}

/** neuronPreActivations of two neurons at once for five groups, summed in the same order. */
function gatherPair5(T: Float64Array, U: Float64Array, points: PackedInputs, out: Float64Array, out2: Float64Array): void {
  const { size, codes } = points;
  const c1 = size;
  const c2 = c1 + size;
  const c3 = c2 + size;
  const c4 = c3 + size;
  for (let r = 0; r < size; r++) {
    const a = codes[r];
    const b = GROUP_SIZE + codes[c1 + r];
    const c = 2 * GROUP_SIZE + codes[c2 + r];
    const d = 3 * GROUP_SIZE + codes[c3 + r];
    const e = 4 * GROUP_SIZE + codes[c4 + r];
    out[r] = 0 + (T[a] + T[b] + T[c] + T[d] + T[e]);
    out2[r] = 0 + (U[a] + U[b] + U[c] + U[d] + U[e]);
  }
}

/** All pre-activations, point-major: H[r * p + i] = W_i·x_r + b_i. For tests and small uses. */
export function preActivations(net: Network, points: PackedInputs): Float64Array {
  const H = new Float64Array(points.size * net.p);
  const order = Int32Array.from({ length: net.p }, (_, i) => i);
  sweepNeurons(net, order, points, (i, _r, h) => {
    for (let r = 0; r < points.size; r++) H[r * net.p + i] = h[r];
  });
  return H;
}
