import type { LinearSystem } from "./linear-system.js";
import { patternOf } from "./pattern-order.js";
import { exactFarkas, type FarkasVector } from "./farkas.js";
import { farkasCandidate, feasiblePoint } from "./lp-solver.js";

/**
 * The possible strict active sets of one ReLU neuron on {±1}^k: A = {x : w·x + b > 0}, the
 * threshold (linearly separable) subsets, as bitmasks over the 2^k points. Completeness
 * matters for the minimal-width proof, so every subset is decided: an integer (w, b) is a
 * witness that A is threshold, and an exactly checked Farkas vector proves that A is not.
 * (A set the LP calls separable without an integer witness is kept: keeping too many sets
 * only costs time, never soundness.)
 */
export interface ThresholdCensus {
  readonly k: number;
  readonly threshold: number[];
  readonly provedNonThreshold: number;
  /** For each threshold set, (w, b) with {x : w·x + b > 0} = A (floats from the LP only if no integer one was found). */
  readonly witnesses: Map<number, { w: number[]; b: number }>;
  /** For each other subset, its exact Farkas vector against separationSystem(k, mask). */
  readonly refutations: Map<number, FarkasVector>;
}

/** w·x + b ≥ 1 on A, −(w·x + b) ≥ 1 off A: feasible iff A is a threshold set. */
export function separationSystem(k: number, mask: number): LinearSystem {
  const rows = Array.from({ length: 2 ** k }, (_, t) => {
    const x = patternOf(t, k);
    const s = (mask >>> t) & 1 ? 1 : -1;
    return { a: [...x.map((v) => s * v), s], c: 1 };
  });
  return { vars: k + 1, rows };
}

export function thresholdCensus(k: number): ThresholdCensus {
  if (k < 1 || k > 4) throw new RangeError(`threshold census for 1 ≤ k ≤ 4, got ${k}`);
  const points = 2 ** k;
  const found = new Set<number>();
  const witnesses = new Map<number, { w: number[]; b: number }>();
  const refutations = new Map<number, FarkasVector>();
  const R = k + 1;
  const w = new Array<number>(k).fill(-R);
  // Integer witnesses: every (w, b) with |w_j| ≤ k + 1, |b| ≤ k(k + 1) + 1.
  for (;;) {
    for (let b = -(k * R + 1); b <= k * R + 1; b++) {
      let mask = 0;
      for (let t = 0; t < points; t++) {
        let h = b;
        for (let j = 0; j < k; j++) h += (t >> j) & 1 ? -w[j] : w[j];
        if (h > 0) mask |= 1 << t;
      }
      if (!found.has(mask >>> 0)) {
        found.add(mask >>> 0);
        witnesses.set(mask >>> 0, { w: [...w], b });
      }
    }
    let j = 0;
    while (j < k && w[j] === R) w[j++] = -R;
    if (j === k) break;
    w[j]++;
  }
  let proved = 0;
  for (let mask = 0; mask < 2 ** points; mask++) {
    if (found.has(mask)) continue;
    const sys = separationSystem(k, mask);
    const y = farkasCandidate(sys);
    const exact = y ? exactFarkas(sys, y) : null;
    if (exact) {
      proved++;
      refutations.set(mask, exact);
      continue;
    }
    found.add(mask);
    const z = feasiblePoint(sys);
    if (z) witnesses.set(mask, { w: z.slice(0, k), b: z[k] });
  }
  return { k, threshold: [...found].sort((a, b) => a - b), provedNonThreshold: proved, witnesses, refutations };
}
