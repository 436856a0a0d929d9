import type { Network } from "../net/network.js";
import { ExactEvaluator, type Sign } from "./exact-output.js";
import { LinearRelaxation } from "./linear-relaxation.js";

/**
 * Branch and bound over the cube {±1}^n. A node fixes the first d bits of a branching
 * order; over the 2^(n−d) completions each neuron's pre-activation ranges exactly over
 * [c − r, c + r] (c: bias plus the fixed bits' contribution, r = Σ_free |w_j|), so the
 * output lies in Σ u_i·σ([c_i − r_i, c_i + r_i]). From those intervals a judge decides
 * the node good (every completion satisfies the property), bad (none does) or open
 * (branch on the next bit). At the leaves signs are exact.
 *
 * Soundness with floating point: every float sum here is a recursive sum, whose error
 * is at most γ_m·Σ|terms| (Higham, Accuracy and Stability of Numerical Algorithms,
 * §4.2). Each bound is widened by three times that, which also absorbs the rounding of
 * the widening itself, and signs are only concluded from strict comparisons with the
 * widened margins. Products may underflow (u·a for subnormal u), where the error is
 * absolute, up to 2^−1075 each: every margin gets an absolute term for that too.
 * Whatever the floats cannot decide goes down to the leaves, where ExactEvaluator
 * decides it in rational arithmetic.
 */

/** The signs a function may take over a node, as a bit set. */
export const NEG = 1;
export const ZERO = 2;
export const POS = 4;
export type SignSet = number;

export function signSetOf(s: Sign): SignSet {
  return s > 0 ? POS : s < 0 ? NEG : ZERO;
}

export type Judgement = "good" | "bad" | "open";

export interface CubeJudge {
  /**
   * Decides a node from the possible signs of f and of the group g (0 when no group
   * is searched). `x` holds the fixed bits (order[0..depth−1]); at a leaf both sets
   * are singletons and the judge must not answer "open".
   */
  judge(f: SignSet, g: SignSet, x: Int8Array, depth: number): Judgement;
}

export interface CubeSearchOptions {
  /** Bits to branch on before all others (e.g. the support), in this order of priority. */
  readonly first?: readonly number[];
  /** Neurons of the group g (a subnetwork of f), if the property involves one. */
  readonly group?: readonly number[];
  /** Maximum number of nodes to visit. */
  readonly budget?: number;
  /** Stop at the first bad node instead of counting the whole cube. */
  readonly stopAtFirstBad?: boolean;
  /** Tighten open nodes with linear bounds (linear-relaxation.ts); default true. */
  readonly relax?: boolean;
}

export interface CubeSearchResult {
  /** Number of inputs proved good / bad. */
  readonly good: bigint;
  readonly bad: bigint;
  /** 2^n. */
  readonly total: bigint;
  readonly nodes: number;
  /** The node budget ran out before the cube was decided. */
  readonly budgetExhausted: boolean;
  /** The first bad input found, re-checked in exact arithmetic. */
  readonly firstBad: Int8Array | null;
  /** The bits in the order they were branched on. */
  readonly order: readonly number[];
  /** Inputs whose signs needed exact rational arithmetic (float bounds too close to 0). */
  readonly exactLeaves: number;
  /** Nodes where the linear relaxation was computed. */
  readonly relaxedNodes: number;
}

export const DEFAULT_BUDGET = 2_000_000;

const U = 2 ** -53;

/** Σ_i |u_i|·|w_ij|: how much bit j can move the output; the branching order within a priority class. */
export function bitInfluence(net: Network): Float64Array {
  const { n, p, W, u } = net;
  const out = new Float64Array(n);
  for (let i = 0; i < p; i++) {
    const a = Math.abs(u[i]);
    for (let j = 0; j < n; j++) out[j] += a * Math.abs(W[i * n + j]);
  }
  return out;
}

export function branchingOrder(net: Network, first: readonly number[] = []): number[] {
  const influence = bitInfluence(net);
  const byInfluence = (a: number, b: number) => influence[b] - influence[a] || a - b;
  const firstSet = new Set(first);
  const rest = Array.from({ length: net.n }, (_, j) => j).filter((j) => !firstSet.has(j));
  return [...[...firstSet].sort(byInfluence), ...rest.sort(byInfluence)];
}

export function searchCube(net: Network, judge: CubeJudge, opts: CubeSearchOptions = {}): CubeSearchResult {
  const { n, p } = net;
  const order = branchingOrder(net, opts.first ?? []);
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const inGroup = new Uint8Array(p);
  const hasGroup = opts.group !== undefined;
  for (const i of opts.group ?? []) inGroup[i] = 1;

  // WT[d·p + i] = weight of neuron i on the d-th branched bit; RT[d·p + i] = Σ_{d' ≥ d} |WT[d'·p + i]|.
  const WT = new Float64Array(n * p);
  const RT = new Float64Array((n + 1) * p);
  for (let d = 0; d < n; d++) for (let i = 0; i < p; i++) WT[d * p + i] = net.W[i * n + order[d]];
  for (let d = n - 1; d >= 0; d--) for (let i = 0; i < p; i++) RT[d * p + i] = RT[(d + 1) * p + i] + Math.abs(WT[d * p + i]);
  // δ_i bounds the error of c_i ± r_i: both are recursive sums of at most n + 1 terms bounded by A_i = |b_i| + Σ|w_ij|.
  const delta = new Float64Array(p);
  for (let i = 0; i < p; i++) delta[i] = 3 * (2 * n + 6) * U * (Math.abs(net.b[i]) + RT[i]) + (2 * n + 8) * Number.MIN_VALUE;
  const epsFactor = 3 * (p + 4) * U;
  const epsAbsolute = (2 * p + 8) * Number.MIN_VALUE;

  const C = new Float64Array((n + 1) * p);
  C.set(net.b, 0);
  const x = new Int8Array(n);
  const pow2 = Array.from({ length: n + 1 }, (_, d) => 1n << BigInt(n - d));
  let exact: ExactEvaluator | undefined;
  const exactSigns = (point: Int8Array): [SignSet, SignSet] => {
    exact ??= new ExactEvaluator(net);
    const [f, g] = exact.signs(point, hasGroup ? inGroup : undefined);
    return [signSetOf(f), hasGroup ? signSetOf(g) : 0];
  };

  let good = 0n;
  let bad = 0n;
  let nodes = 0;
  let budgetExhausted = false;
  let firstBad: Int8Array | null = null;
  let exactLeaves = 0;
  let relaxedNodes = 0;
  const relaxation = new LinearRelaxation(n);
  // Below the priority bits (the support) the judge can decide; above them the relaxation would be wasted.
  const relaxFrom = opts.relax === false ? Infinity : (opts.first ?? []).length;

  // live[d·p ..]: the neurons that may be on somewhere below the current node at depth d. A neuron proved
  // off at a node is off on every sub-cube of it, so its children never look at it again.
  const live = new Int32Array((n + 1) * p);
  const liveCount = new Int32Array(n + 1);
  let top = 0;
  for (let i = 0; i < p; i++) if (net.u[i] !== 0) live[top++] = i;
  liveCount[0] = top;

  const setsAt = (d: number): [SignSet, SignSet] => {
    let fLo = 0, fHi = 0, fT = 0, gLo = 0, gHi = 0, gT = 0;
    let anyF = false, anyG = false;
    const c0 = d * p;
    const from = d * p;
    const count = liveCount[d];
    const to = d < n ? (d + 1) * p : 0;
    let kept = 0;
    for (let q = 0; q < count; q++) {
      const i = live[from + q];
      const ui = net.u[i];
      const c = C[c0 + i];
      const r = RT[c0 + i];
      const di = delta[i];
      const hi = c + r + di;
      if (hi <= 0) continue;
      if (d < n) live[to + kept++] = i;
      const lo0 = c - r - di;
      const lo = lo0 > 0 ? lo0 : 0;
      const tLo = ui > 0 ? ui * lo : ui * hi;
      const tHi = ui > 0 ? ui * hi : ui * lo;
      const t = ui > 0 ? tHi : -tLo;
      fLo += tLo;
      fHi += tHi;
      fT += t;
      anyF = true;
      if (inGroup[i]) {
        anyG = true;
        gLo += tLo;
        gHi += tHi;
        gT += t;
      }
    }
    if (d < n) liveCount[d + 1] = kept;
    // A sum with no term is exactly 0: no margin then, so that "all neurons off" is decided.
    const fEps = anyF ? epsFactor * fT + epsAbsolute : 0;
    const gEps = anyG ? epsFactor * gT + epsAbsolute : 0;
    return [setFromBounds(fLo, fHi, fEps), hasGroup ? setFromBounds(gLo, gHi, gEps) : 0];
  };

  const completion = (d: number): Int8Array => {
    const point = x.slice();
    for (let e = d; e < n; e++) point[order[e]] = 1;
    return point;
  };

  // Returns false when the search must stop.
  const visit = (d: number): boolean => {
    if (nodes >= budget) {
      budgetExhausted = true;
      return false;
    }
    nodes++;
    let [fs, gs] = setsAt(d);
    let verdict = judge.judge(fs, gs, x, d);
    if (verdict === "open" && d < n && d >= relaxFrom) {
      // Both bounds are sound, so the signs possible under both are the intersection.
      const input = { n, p, u: net.u, C, RT, WT, delta, live, liveFrom: (d + 1) * p, liveCount: liveCount[d + 1] };
      const f = relaxation.bounds(input, d, null);
      fs &= setFromBounds(f.lo, f.hi, f.eps);
      if (hasGroup) {
        const g = relaxation.bounds(input, d, inGroup);
        gs &= setFromBounds(g.lo, g.hi, g.eps);
      }
      relaxedNodes++;
      verdict = judge.judge(fs, gs, x, d);
    }
    if (verdict === "open" && d === n) {
      exactLeaves++;
      [fs, gs] = exactSigns(x);
      verdict = judge.judge(fs, gs, x, d);
      if (verdict === "open") throw new Error("cube search: the judge left a leaf open");
    }
    if (verdict === "good") {
      good += pow2[d];
      return true;
    }
    if (verdict === "bad") {
      bad += pow2[d];
      if (firstBad === null) {
        const point = completion(d);
        const [fe, ge] = exactSigns(point);
        if (judge.judge(fe, ge, point, n) !== "bad") throw new Error("cube search: a region proved bad has a good point (soundness violated)");
        firstBad = point;
      }
      return !opts.stopAtFirstBad;
    }
    const next = (d + 1) * p;
    const w0 = d * p;
    const bit = order[d];
    for (const s of [1, -1] as const) {
      x[bit] = s;
      const lb = (d + 1) * p;
      const lc = liveCount[d + 1];
      for (let q = 0; q < lc; q++) {
        const i = live[lb + q];
        C[next + i] = C[w0 + i] + s * WT[w0 + i];
      }
      if (!visit(d + 1)) {
        x[bit] = 0;
        return false;
      }
    }
    x[bit] = 0;
    return true;
  };
  visit(0);
  return { good, bad, total: pow2[0], nodes, budgetExhausted, firstBad, order, exactLeaves, relaxedNodes };
}

/** The signs a value may take when it lies in [lo − ε, hi + ε]; strict comparisons keep it sound. */
function setFromBounds(lo: number, hi: number, eps: number): SignSet {
  let s = 0;
  if (hi > -eps) s |= POS;
  if (lo < eps) s |= NEG;
  if (lo <= eps && hi >= -eps) s |= ZERO;
  return s;
}
