import type { Network } from "../net/network.js";
import { exactSumSign } from "./exact-output.js";
import { packInputs, sweepNeurons } from "../analysis/hidden-layer.js";

/** Where a neuron stands on a support pattern, over all completions of the other bits. */
export type PatternStatus = "on" | "off" | "depends";

/** The 2^k sign patterns of the support, pattern t giving bit s the value −1 iff bit s of t is set. */
export function supportPatterns(k: number): number[][] {
  return Array.from({ length: 2 ** k }, (_, t) => Array.from({ length: k }, (_, s) => ((t >> s) & 1 ? -1 : 1)));
}

export function patternParity(pattern: readonly number[]): 1 | -1 {
  return pattern.reduce((a, v) => a * v, 1) > 0 ? 1 : -1;
}

export interface SupportProfile {
  /** w_j for j ∈ S, in the order of S. */
  readonly supportWeights: number[];
  readonly bias: number;
  /** Σ_{j∉S} |w_j|: how far the other bits can move the pre-activation. */
  readonly offSupportMass: number;
  /** Per pattern of supportPatterns(k): b + Σ_S w_j σ_j, the pre-activation with the other bits' contribution left out. */
  readonly centre: number[];
  /** Per pattern: on (pre-activation > 0 for every completion), off (≤ 0 for every completion) or depends. Decided exactly. */
  readonly status: PatternStatus[];
  /** Per pattern: the status with the off-support weights set to 0 (sign of the centre, exactly). */
  readonly restrictedStatus: ("on" | "off")[];
}

/**
 * A neuron relative to a support S. Over the completions of the bits off S the
 * pre-activation ranges over exactly [c − m, c + m] (c the centre, m the off-support
 * mass), so on/off/depends is decidable; the sign tests run in exact arithmetic.
 */
export function supportProfile(net: Network, i: number, support: readonly number[]): SupportProfile {
  const { n } = net;
  const w = net.W.subarray(i * n, (i + 1) * n);
  const inS = new Set(support);
  const off: number[] = [];
  for (let j = 0; j < n; j++) if (!inS.has(j)) off.push(Math.abs(w[j]));
  const supportWeights = support.map((j) => w[j]);
  const mass = off.reduce((a, v) => a + v, 0);
  // Each of c, c ± mass is a recursive sum of at most n + 1 terms bounded by A = |b| + Σ|w_j|: error ≤ γ_{n+1}·A (Higham §4.2); doubled for safety.
  const margin = 2 * (n + 2) * 2 ** -53 * (Math.abs(net.b[i]) + mass + supportWeights.reduce((a, v) => a + Math.abs(v), 0)) + Number.MIN_VALUE * (4 * n + 8);
  const centre: number[] = [];
  const status: PatternStatus[] = [];
  const restrictedStatus: ("on" | "off")[] = [];
  for (const pattern of supportPatterns(support.length)) {
    const terms = [net.b[i], ...supportWeights.map((v, s) => v * pattern[s])];
    const c = terms.reduce((a, v) => a + v, 0);
    centre.push(c);
    // Floats decide when clear of 0 by more than their rounding bound; exact arithmetic otherwise.
    const sign = (values: () => number[], approx: number): number => (approx > margin ? 1 : approx < -margin ? -1 : exactSumSign(values()));
    if (sign(() => [...terms, ...off.map((v) => -v)], c - mass) > 0) status.push("on");
    else if (sign(() => [...terms, ...off], c + mass) <= 0) status.push("off");
    else status.push("depends");
    restrictedStatus.push(sign(() => terms, c) > 0 ? "on" : "off");
  }
  return { supportWeights, bias: net.b[i], offSupportMass: mass, centre, status, restrictedStatus };
}

/**
 * Arity of each given neuron as the authors' code defines it (ArityFinder in
 * Tsili42/parity-nn utils.py): the least number a of the neuron's largest-magnitude
 * input weights (ties: lower index first) such that zeroing all its other input
 * weights, the rest of the network unchanged, leaves sgn f(x) unchanged for every x
 * in X. Found by a scan over a, not by the authors' binary search, which assumes
 * monotonicity in a.
 */
export function neuronArities(net: Network, neurons: readonly number[], X: Int8Array): number[] {
  const { n, p, u } = net;
  const m = X.length / n;
  const wanted = new Map(neurons.map((i, r) => [i, r]));
  const own: Float64Array[] = new Array(neurons.length);
  const total = new Float64Array(m);
  const order = Int32Array.from({ length: p }, (_, i) => i);
  sweepNeurons(net, order, packInputs(X, n, m), (i, _rank, h) => {
    const ui = u[i];
    const r = wanted.get(i);
    const mine = r === undefined ? null : (own[r] = new Float64Array(m));
    for (let s = 0; s < m; s++) {
      const c = h[s] > 0 ? ui * h[s] : 0;
      total[s] += c;
      if (mine) mine[s] = c;
    }
  });
  return neurons.map((i, r) => arityOf(net, i, X, total, own[r]));
}

/**
 * The rest of the network is total − own contribution; the reference prediction is
 * formed from that same rest with the neuron's full pre-activation (summed in the
 * pruning order of its weights), so that a = n always reproduces it exactly.
 */
function arityOf(net: Network, i: number, X: Int8Array, total: Float64Array, own: Float64Array): number {
  const { n, W, b, u } = net;
  const m = X.length / n;
  const w = W.subarray(i * n, (i + 1) * n);
  const byMagnitude = Array.from({ length: n }, (_, j) => j).sort((a, c) => Math.abs(w[c]) - Math.abs(w[a]) || a - c);
  const ui = u[i];
  // ok[a] stays 1 while every point seen keeps its prediction with only the top a weights.
  const ok = new Uint8Array(n + 1).fill(1);
  let stillOk = n;
  const pre = new Float64Array(n + 1);
  const idx = Int32Array.from(byMagnitude);
  const wSorted = Float64Array.from(byMagnitude, (j) => w[j]);
  // No choice of a moves this neuron's contribution by more than |u_i|·Σ|w_ij|: points whose output is
  // farther than that from 0 (with room for rounding) keep their prediction for every a and are skipped.
  const reach = Math.abs(ui) * w.reduce((acc, v) => acc + Math.abs(v), 0);
  for (let s = 0; s < m && stillOk > 0; s++) {
    const rest = total[s] - own[s];
    const whole = total[s];
    if (Math.abs(whole) > reach + 1e-9 * (Math.abs(rest) + reach + Math.abs(own[s]))) continue;
    const row = s * n;
    let acc = b[i];
    pre[0] = acc;
    for (let a = 1; a <= n; a++) {
      acc += wSorted[a - 1] * X[row + idx[a - 1]];
      pre[a] = acc;
    }
    const full = rest + (acc > 0 ? ui * acc : 0);
    const ref = full > 0 ? 1 : full < 0 ? -1 : 0;
    for (let a = 0; a < n; a++) {
      if (ok[a] === 0) continue;
      const v = rest + (pre[a] > 0 ? ui * pre[a] : 0);
      if ((v > 0 ? 1 : v < 0 ? -1 : 0) !== ref) {
        ok[a] = 0;
        stillOk--;
      }
    }
  }
  const arity = ok.indexOf(1);
  return arity < 0 ? n : arity;
}
