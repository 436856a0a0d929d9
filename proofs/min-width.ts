import { networkFromArrays, type Network } from "../src/net/network.js";
import { thresholdNetwork } from "../spec/threshold-network.js";
import { cubeSymmetries, imageOfSet } from "./cube-symmetry.js";
import { exactFarkas, type FarkasVector } from "./farkas.js";
import type { LinearSystem } from "./linear-system.js";
import { farkasCandidate, feasiblePoint, loadSolver } from "./lp-solver.js";
import { patternOf, popcount } from "./pattern-order.js";
import { thresholdCensus, type ThresholdCensus } from "./threshold-sets.js";
import { verifyBySupport } from "./verify.js";

/**
 * The least number m of hidden ReLUs (no output bias, any real weights) that compute
 * k-parity — a question the paper leaves open (is Proposition 3's 4 optimal for k = 3?).
 *
 * n = k suffices: fixing the other bits of an (n, k) network gives a (k, k) one. Write
 * f = Σ s_i σ(l_i(x)) with s_i = sgn u_i (|u_i| absorbed into l_i by positive homogeneity)
 * and let A_i = {x : l_i(x) > 0}, a threshold set. With (s_i, A_i) fixed, "computes parity"
 * is the linear system
 *   l_i(x) ≥ 0 on A_i,  l_i(x) ≤ 0 off A_i,  y(x) Σ_{i : x∈A_i} s_i l_i(x) ≥ 1   (all x)
 * (margin 1 by scaling; the relaxation of > 0 to ≥ 0 is harmless, since a solution is a
 * network whose value is exactly the linear expression). A width-m network reduces to at most
 * m distinct pairs (s_i, A_i) with A_i ≠ ∅ (two neurons with the same pair merge: σ(l)+σ(l') =
 * σ(l+l') when their active sets agree), so proving every system of j ≤ m−1 distinct pairs
 * infeasible proves m(k) ≥ m. Pairs related by a cube symmetry g (with s ↦ χ(g)s) or by
 * reordering the neurons give equivalent systems, so one representative per orbit is solved.
 * A configuration where some input with parity +1 (−1) lies in no A_i with s_i = +1 (−1) has
 * y·f ≤ 0 there and is discarded without an LP. Each remaining system is settled by the LP
 * solver and then exactly: infeasible by a checked Farkas vector, feasible by a network that
 * the exact verifier accepts.
 */
export interface WidthSearch {
  readonly width: number;
  /** Sets of `width` distinct (sign, active set) pairs. */
  readonly configurations: number;
  /** Those that pass the coverage test. */
  readonly covered: number;
  /** Orbit representatives among the covered ones: the LPs solved. */
  readonly orbits: number;
  readonly farkasProved: number;
  /** Cases neither proved infeasible nor turned into a verified network (should be 0). */
  readonly unproven: number;
  readonly witness: Network | null;
  /** Each orbit representative with its exact Farkas vector (rows as in configurationSystem). */
  readonly refutations: { config: Choice[]; y: FarkasVector }[];
  readonly ms: number;
}

export interface MinimumWidth {
  readonly k: number;
  readonly thresholdSets: number;
  readonly provedNonThreshold: number;
  readonly census: ThresholdCensus;
  readonly symmetries: number;
  readonly searches: WidthSearch[];
  /** m(k), or null when some case stayed unproven. */
  readonly minimumWidth: number | null;
  /** A network of that width, verified exactly. */
  readonly witness: Network | null;
  readonly witnessSource: "search" | "threshold construction" | null;
  /**
   * When the witness is the construction, the same search run at that width: a positive
   * control showing the encoding can find networks (so its "infeasible" answers are not vacuous).
   */
  readonly control: WidthSearch | null;
  readonly ms: number;
}

export interface Choice {
  readonly sign: 1 | -1;
  readonly mask: number;
}

/** The linear system of a configuration; variables (w_i, b_i) in blocks of k + 1. */
export function configurationSystem(k: number, config: readonly Choice[]): LinearSystem {
  const points = 2 ** k;
  const V = (k + 1) * config.length;
  const rows: { a: number[]; c: number }[] = [];
  for (let t = 0; t < points; t++) {
    const x = patternOf(t, k);
    const y = popcount(t) % 2 === 0 ? 1 : -1;
    const margin = new Array<number>(V).fill(0);
    config.forEach((ch, i) => {
      const active = (ch.mask >>> t) & 1;
      const a = new Array<number>(V).fill(0);
      const s = active ? 1 : -1;
      for (let j = 0; j < k; j++) a[i * (k + 1) + j] = s * x[j];
      a[i * (k + 1) + k] = s;
      rows.push({ a, c: 0 });
      if (active) {
        for (let j = 0; j < k; j++) margin[i * (k + 1) + j] += y * ch.sign * x[j];
        margin[i * (k + 1) + k] += y * ch.sign;
      }
    });
    rows.push({ a: margin, c: 1 });
  }
  return { vars: V, rows };
}

function networkFromSolution(k: number, config: readonly Choice[], z: readonly number[]): Network {
  const W = config.map((_, i) => z.slice(i * (k + 1), i * (k + 1) + k));
  const b = config.map((_, i) => z[i * (k + 1) + k]);
  return networkFromArrays(W, b, config.map((c) => c.sign));
}

/**
 * All configurations of `width` distinct (sign, set) pairs, one LP per orbit. `quotient: false`
 * solves every covered configuration instead (the baseline the benchmark compares against).
 */
export function searchWidth(k: number, width: number, thresholdMasks: readonly number[], opts: { quotient?: boolean } = {}): WidthSearch {
  const quotient = opts.quotient ?? true;
  const start = performance.now();
  const points = 2 ** k;
  const nonEmpty = thresholdMasks.filter((m) => m !== 0);
  const choices: Choice[] = nonEmpty.flatMap((mask) => [{ sign: 1 as const, mask }, { sign: -1 as const, mask }]);
  const C = choices.length;
  const index = new Map<string, number>();
  choices.forEach((c, i) => index.set(`${c.sign}:${c.mask}`, i));
  const group = cubeSymmetries(k);
  const act = group.map((g) => Int32Array.from(choices, (c) => {
    const j = index.get(`${c.sign * g.character}:${imageOfSet(g, c.mask)}`);
    if (j === undefined) throw new Error("the threshold sets are not closed under the cube's symmetries");
    return j;
  }));
  let positive = 0;
  for (let t = 0; t < points; t++) if (popcount(t) % 2 === 0) positive |= 1 << t;
  const negative = (2 ** points - 1) & ~positive;

  let configurations = 0;
  let covered = 0;
  let orbits = 0;
  let farkasProved = 0;
  let unproven = 0;
  let witness: Network | null = null;
  const refutations: { config: Choice[]; y: FarkasVector }[] = [];
  const tuple = new Int32Array(width);
  const image = new Int32Array(width);
  const task = { n: k, support: Array.from({ length: k }, (_, j) => j) };

  const canonical = (): boolean => {
    for (const a of act) {
      for (let i = 0; i < width; i++) image[i] = a[tuple[i]];
      image.sort();
      for (let i = 0; i < width; i++) {
        if (image[i] < tuple[i]) return false;
        if (image[i] > tuple[i]) break;
      }
    }
    return true;
  };

  const settle = (): boolean => {
    const config = Array.from(tuple, (c) => choices[c]);
    const sys = configurationSystem(k, config);
    const y = farkasCandidate(sys);
    if (y) {
      const exact = exactFarkas(sys, y);
      if (exact) {
        farkasProved++;
        refutations.push({ config, y: exact });
      } else unproven++;
      return false;
    }
    const z = feasiblePoint(sys);
    const net = z ? networkFromSolution(k, config, z) : null;
    if (net && verifyBySupport(net, task).holds) {
      witness = net;
      return true;
    }
    unproven++;
    return false;
  };

  const rec = (depth: number, from: number, pos: number, neg: number): boolean => {
    if (depth === width) {
      configurations++;
      if ((pos & positive) !== positive || (neg & negative) !== negative) return false;
      covered++;
      if (quotient && !canonical()) return false;
      orbits++;
      return settle();
    }
    for (let c = from; c < C; c++) {
      tuple[depth] = c;
      const ch = choices[c];
      if (rec(depth + 1, c + 1, ch.sign > 0 ? pos | ch.mask : pos, ch.sign < 0 ? neg | ch.mask : neg)) return true;
    }
    return false;
  };
  rec(0, 0, 0, 0);
  return { width, configurations, covered, orbits, farkasProved, unproven, witness, refutations, ms: performance.now() - start };
}

/** Searches widths 1, 2, … below the threshold construction's k + 1 until one is feasible. */
export async function minimumWidth(k: number): Promise<MinimumWidth> {
  if (!Number.isSafeInteger(k) || k < 1 || k > 3) throw new RangeError(`the minimal-width search is implemented for 1 ≤ k ≤ 3, got ${k}`);
  const start = performance.now();
  await loadSolver();
  const census = thresholdCensus(k);
  const searches: WidthSearch[] = [];
  let minimum: number | null = null;
  let witness: Network | null = null;
  let witnessSource: MinimumWidth["witnessSource"] = null;
  let allProved = true;
  for (let m = 1; m <= k; m++) {
    const s = searchWidth(k, m, census.threshold);
    searches.push(s);
    if (s.witness) {
      minimum = allProved ? m : null;
      witness = s.witness;
      witnessSource = "search";
      break;
    }
    if (s.unproven > 0) allProved = false;
  }
  let control: WidthSearch | null = null;
  if (witness === null) {
    const { net, task } = thresholdNetwork(k);
    if (verifyBySupport(net, task).holds) {
      witness = net;
      witnessSource = "threshold construction";
      minimum = allProved ? k + 1 : null;
      control = searchWidth(k, k + 1, census.threshold);
    }
  }
  return {
    k,
    thresholdSets: census.threshold.length,
    provedNonThreshold: census.provedNonThreshold,
    census,
    symmetries: cubeSymmetries(k).length,
    searches,
    minimumWidth: minimum,
    witness,
    witnessSource,
    control,
    ms: performance.now() - start,
  };
}
