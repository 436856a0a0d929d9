import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { activeSubnetwork } from "../audit/active-subnetwork.js";

export interface PruningMonotonicity {
  /** A(k) = #{x ∈ X : sgn f_k(x) = sgn f(x)}, k = 0..p (f_k keeps the k neurons of largest ‖W_i‖₂). */
  readonly agreement: Int32Array;
  /** Effective sparsity: the least k with A(k) = |X|. */
  readonly effectiveSparsity: number;
  /** The least k₀ with A(k) = |X| for every k ≥ k₀. */
  readonly stableFrom: number;
  /** A is non-decreasing in k. */
  readonly monotone: boolean;
  /** The first k where A drops (A(k+1) < A(k)), or null. */
  readonly firstDrop: { k: number; from: number; to: number } | null;
}

/**
 * How agreement with the full network evolves as neurons are added back by norm.
 * Nothing forces A to be monotone, nor full agreement at the effective sparsity to
 * persist for larger k (a neuron added later can flip a sign back); the authors'
 * binary search for the circuit assumes monotonicity, and its comment notes that
 * this sometimes fails. This measures, on a given network and X, which of the two
 * hold: `monotone` and `stableFrom === effectiveSparsity`.
 */
export function pruningMonotonicity(net: Network, X: Dataset | Int8Array): PruningMonotonicity {
  const points = X instanceof Int8Array ? X : X.X;
  const m = points.length / net.n;
  const { agreement, size: effectiveSparsity } = activeSubnetwork(net, points);
  let stableFrom = net.p;
  while (stableFrom > 0 && agreement[stableFrom - 1] === m) stableFrom--;
  let firstDrop: PruningMonotonicity["firstDrop"] = null;
  for (let k = 0; k < net.p && firstDrop === null; k++) if (agreement[k + 1] < agreement[k]) firstDrop = { k, from: agreement[k], to: agreement[k + 1] };
  return { agreement, effectiveSparsity, stableFrom, monotone: firstDrop === null, firstDrop };
}
