import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";
import { pruningProfile } from "../analysis/active-subnetwork.js";
import { pruningOrderOf } from "../analysis/pruning-order.js";

/**
 * The audit's view of the active subnetwork (paper §2.1, pointwise definition), over
 * src/analysis (pruning order by ‖W_i‖₂, ties to the lower index; f_k keeps the top k).
 * The audit's X may be unlabelled (the whole cube, a sample): the pointwise definition
 * needs no labels, so such points get placeholder labels that only the accuracy
 * counts of the profile, unused here, would read.
 */
export interface ActiveSubnetwork {
  /** Effective sparsity: the least k with sgn f_k = sgn f on every point of X. */
  readonly size: number;
  /** Its neurons, in pruning order. */
  readonly neurons: number[];
  /** The whole pruning order. */
  readonly ranking: number[];
  /** A(k) = #{x ∈ X : sgn f_k(x) = sgn f(x)}, k = 0..p. */
  readonly agreement: Int32Array;
}

function asDataset(n: number, X: Int8Array): Dataset {
  const size = X.length / n;
  return { n, size, X, y: new Int8Array(size).fill(1) };
}

export function activeSubnetwork(net: Network, X: Int8Array): ActiveSubnetwork {
  const order = pruningOrderOf(net);
  const profile = pruningProfile(net, asDataset(net.n, X), order);
  const m = X.length / net.n;
  const agreement = Int32Array.from(profile.disagreements, (d) => m - d);
  let size = 0;
  while (profile.disagreements[size] !== 0) size++;
  const ranking = Array.from(order);
  return { size, neurons: ranking.slice(0, size), ranking, agreement };
}
